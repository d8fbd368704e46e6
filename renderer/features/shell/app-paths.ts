/** Every route of the renderer (HashRouter: the app also runs from file:// in Electron). */
export const PATHS = {
  home: '/',
  users: '/users',
  audit: '/audit',
  account: '/account',
  login: '/login',
  setup: '/setup',
} as const;
