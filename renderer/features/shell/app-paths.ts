/** Every route of the renderer (HashRouter: the app also runs from file:// in Electron). */
export const PATHS = {
  home: '/',
  users: '/users',
  patients: '/patients',
  registerPatient: '/patients/new',
  patient: '/patients/:patientId',
  clinic: '/clinic',
  schedule: '/schedule',
  queue: '/queue',
  encounters: '/encounters',
  encounter: '/encounters/:encounterId',
  worklist: '/worklist',
  devices: '/devices',
  audit: '/audit',
  account: '/account',
  login: '/login',
  setup: '/setup',
} as const;
