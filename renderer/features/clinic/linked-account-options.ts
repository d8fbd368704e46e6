import { PROVIDER_USER_ROLES, type Provider } from '../../../common/domain/clinic';
import { ROLE_LABELS } from '../../../common/domain/roles';
import type { User } from '../../../common/domain/users';
import type { SelectOption } from '../../ui/select-field';

/**
 * The accounts a provider may be linked to: active physicians and nurses not linked to another
 * provider. The provider's current account stays on the list even if it no longer qualifies, so
 * saving other details never drops the link by surprise.
 */
export function linkedAccountOptions(users: readonly User[], providers: readonly Provider[], editing: Provider | null): SelectOption<string>[] {
  const linkedElsewhere = new Set(providers.filter((p) => p.id !== editing?.id && p.userId !== null).map((p) => p.userId));
  const label = (u: User) => `${u.displayName} (${u.username}, ${ROLE_LABELS[u.role]}${u.active ? '' : ', inactive'})`;
  const eligible = users.filter(
    (u) => u.id === editing?.userId || (u.active && PROVIDER_USER_ROLES.includes(u.role) && !linkedElsewhere.has(u.id)),
  );
  const options: SelectOption<string>[] = [{ value: '', label: 'No linked account' }, ...eligible.map((u) => ({ value: u.id, label: label(u) }))];
  if (editing?.userId && !eligible.some((u) => u.id === editing.userId)) {
    options.push({ value: editing.userId, label: editing.username ?? 'The current account' });
  }
  return options;
}
