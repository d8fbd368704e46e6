import type { Permission } from '../../../common/domain/permissions';

/** Each permission in the clinic's words. A Record, so a new permission cannot be left out. */
export const PERMISSION_DESCRIPTIONS: Readonly<Record<Permission, string>> = {
  'session.self': 'Sign in and change your own password',
  'users.manage': 'Create staff accounts, change their roles, reset passwords and unlock accounts',
  'clinic.manage': 'Manage the clinic’s details, locations, providers, working hours, appointment types and time zone',
  'patients.read': 'Find patients and view their details',
  'patients.write': 'Register patients and update their details',
  'patients.merge': 'Merge duplicate patient records',
  'schedule.read': 'View the appointment schedule',
  'schedule.write': 'Book, move and cancel appointments',
  'clinical.read': 'View clinical records: notes, observations, orders, results and care plans',
  'clinical.write': 'Record vital signs and draft notes and orders',
  'clinical.sign': 'Sign notes and orders',
  'devices.capture': 'Accept or reject readings from medical devices',
  'devices.manage': 'Set up medical devices and read their raw message log',
  'reports.read': 'View reports',
  'audit.read': 'Read the audit log of who did what and when',
};
