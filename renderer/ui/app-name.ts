/** Shown before the workstation has answered system.info (sign-in, first run, window titles). */
export const APP_NAME = 'AIPC Clinical Workstation';
