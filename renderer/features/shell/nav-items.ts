import type { Permission } from '../../../common/domain/permissions';
import { PATHS } from './app-paths';

export interface NavItem {
  path: string;
  label: string;
  /** Null: every signed-in user. */
  permission: Permission | null;
}

/** Only features that exist; a new feature adds its item here with the permission it needs. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: PATHS.home, label: 'Home', permission: null },
  { path: PATHS.patients, label: 'Patients', permission: 'patients.read' },
  { path: PATHS.schedule, label: 'Schedule', permission: 'schedule.read' },
  { path: PATHS.queue, label: 'Today’s queue', permission: 'schedule.read' },
  { path: PATHS.encounters, label: 'Encounters', permission: 'clinical.read' },
  { path: PATHS.worklist, label: 'Worklist', permission: 'clinical.read' },
  { path: PATHS.users, label: 'Users', permission: 'users.manage' },
  { path: PATHS.clinic, label: 'Clinic', permission: 'clinic.manage' },
  { path: PATHS.devices, label: 'Devices', permission: 'devices.manage' },
  { path: PATHS.audit, label: 'Audit log', permission: 'audit.read' },
  { path: PATHS.account, label: 'My account', permission: null },
];

export function navItemsFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === null || permissions.includes(item.permission));
}
