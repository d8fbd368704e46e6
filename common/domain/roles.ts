import { z } from 'zod';

/** The staff roles of a clinic. Each user has exactly one. */
export const ROLES = ['front_desk', 'nurse', 'physician', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  front_desk: 'Front desk',
  nurse: 'Nurse',
  physician: 'Physician',
  admin: 'Administrator',
};
