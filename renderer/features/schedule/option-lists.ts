import { personName } from '../../../common/domain/scheduling';
import type { Provider } from '../../../common/domain/clinic';
import type { AppointmentType } from '../../../common/domain/scheduling';
import type { SelectOption } from '../../ui/select-field';

export function providerOptions(providers: readonly Provider[]): SelectOption<string>[] {
  return providers.map((p) => ({ value: p.id, label: personName(p) }));
}

export function typeOptions(types: readonly AppointmentType[]): SelectOption<string>[] {
  return types.map((t) => ({ value: t.id, label: `${t.name} (${t.durationMinutes} min)` }));
}
