import { useState } from 'react';
import { WEEKDAY_LABELS, WORKING_HOURS_KINDS, type WorkingHoursKind } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { InputField } from '../../ui/input-field';
import { KIND_LABELS } from './working-hours-week';

const WEEKDAY_OPTIONS: readonly SelectOption<string>[] = WEEKDAY_LABELS.map((label, i) => ({ value: String(i + 1), label }));
const KIND_OPTIONS: readonly SelectOption<WorkingHoursKind>[] = WORKING_HOURS_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

export interface WorkingHoursFormProps {
  providerId: string;
  providerName: string;
  timeZone: string | null;
  /** After main has stored the entry; `summary` says what was added. */
  onAdded: (summary: string) => void;
}

/** Adds one entry to a provider's week; main refuses one that overlaps an entry of the same kind. */
export function WorkingHoursForm({ providerId, providerName, timeZone, onAdded }: WorkingHoursFormProps) {
  const client = useClient();
  const [weekday, setWeekday] = useState('1');
  const [kind, setKind] = useState<WorkingHoursKind>('work');
  const [startTime, setStartTime] = useState('');
  const [endTime, setEndTime] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const form = useFormSubmit();

  const submit = async () => {
    const input = {
      providerId,
      weekday: Number(weekday),
      kind,
      startTime,
      endTime,
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
    };
    const problem = checkInput('schedule.addWorkingHours', input);
    if (problem) return form.fail(problem);
    const entries = await form.run(() => client.api.schedule.addWorkingHours(input));
    if (!entries) return;
    const what = kind === 'work' ? 'working hours' : 'a break';
    onAdded(`Added ${what} on ${WEEKDAY_LABELS[input.weekday - 1]} ${startTime}–${endTime} for ${providerName}.`);
    setStartTime('');
    setEndTime('');
    setValidFrom('');
    setValidTo('');
  };

  return (
    <Form
      title={`Add working hours or a break for ${providerName}`}
      titleLevel={3}
      intro={
        <p>
          Times are the clinic’s wall clock{timeZone ? ` (${timeZone})` : ''}. Breaks are cut out of the working hours. Leave the dates empty for an entry
          that always applies.
        </p>
      }
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      <div className="field-row">
        <SelectField label="Weekday" {...form.field('weekday')} value={weekday} options={WEEKDAY_OPTIONS} onChange={setWeekday} required />
        <SelectField label="Kind" {...form.field('kind')} value={kind} options={KIND_OPTIONS} onChange={setKind} required />
      </div>
      <div className="field-row">
        <InputField label="Start" type="time" {...form.field('startTime')} value={startTime} onChange={setStartTime} required />
        <InputField label="End" type="time" {...form.field('endTime')} value={endTime} onChange={setEndTime} required />
      </div>
      <div className="field-row">
        <InputField label="Valid from (optional)" type="date" {...form.field('validFrom')} value={validFrom} onChange={setValidFrom} />
        <InputField label="Valid until (optional)" type="date" {...form.field('validTo')} value={validTo} onChange={setValidTo} />
      </div>
      <FormActions form={form} submitLabel="Add to the week" />
    </Form>
  );
}
