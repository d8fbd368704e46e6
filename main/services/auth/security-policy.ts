export interface SecurityPolicy {
  /** Failed sign-ins in a row before the account locks. */
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** A session unused this long ends (shared terminals). */
  idleTimeoutMinutes: number;
  /** A session ends after this long whatever its use. */
  absoluteSessionHours: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 15,
  absoluteSessionHours: 12,
};
