import { ROLES, ROLE_LABELS, type Role } from '../../../common/domain/roles';
import type { SelectOption } from '../../ui/select-field';

export const ROLE_OPTIONS: readonly SelectOption<Role>[] = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
