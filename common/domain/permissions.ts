import type { Role } from './roles';

/**
 * Every permission a contract method can require. Main enforces these on every call;
 * the renderer only uses them to decide which navigation to show.
 */
export const PERMISSIONS = [
  'session.self', // any signed-in user: own session, own password
  'users.manage', // create, edit, deactivate, unlock staff accounts
  'clinic.manage', // organization, locations, providers
  'patients.read', // demographics and search
  'patients.write', // register and edit demographics
  'patients.merge', // merge duplicate patient records (moves their clinical rows)
  'schedule.read',
  'schedule.write',
  'clinical.read', // notes, observations, orders, results, care plans
  'clinical.write', // record vitals, draft notes and orders
  'clinical.sign', // sign notes and orders
  'devices.capture', // accept or reject device readings
  'devices.manage', // configure devices, read the raw journal
  'reports.read',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The role × permission table. One place, shared by main (enforcement) and renderer (navigation). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  front_desk: ['session.self', 'patients.read', 'patients.write', 'schedule.read', 'schedule.write'],
  nurse: [
    'session.self',
    'patients.read',
    'schedule.read',
    'clinical.read',
    'clinical.write',
    'devices.capture',
  ],
  physician: [
    'session.self',
    'patients.read',
    'schedule.read',
    'clinical.read',
    'clinical.write',
    'clinical.sign',
    'devices.capture',
    'reports.read',
  ],
  admin: [
    'session.self',
    'users.manage',
    'clinic.manage',
    'patients.read',
    'patients.write',
    'patients.merge',
    'schedule.read',
    'schedule.write',
    'devices.manage',
    'reports.read',
    'audit.read',
  ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}
