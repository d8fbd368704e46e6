import { useId, useMemo, useState } from 'react';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';

/** The zones this browser knows, as suggestions; any IANA name the contract accepts may be typed. */
function knownZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export interface TimeZoneFormProps {
  /** The clinic's zone now; follows changes made elsewhere. */
  current: string;
}

export function TimeZoneForm({ current }: TimeZoneFormProps) {
  const client = useClient();
  const listId = useId();
  const zones = useMemo(knownZones, []);
  const [timeZone, setTimeZone] = useState(current);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormSubmit();

  const submit = async () => {
    setNotice(null);
    const input = { timeZone: timeZone.trim() };
    const problem = checkInput('schedule.setTimeZone', input);
    if (problem) return form.fail(problem);
    const saved = await form.run(() => client.api.schedule.setTimeZone(input));
    if (!saved) return;
    setTimeZone(saved.timeZone);
    setNotice(`The clinic time zone is now ${saved.timeZone}.`);
  };

  return (
    <Form
      title="Clinic time zone"
      titleLevel={3}
      intro={
        <p>
          Working hours and appointment times are read in this zone, wherever a workstation is. Currently <strong>{current}</strong>.
        </p>
      }
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      {notice ? <Notice>{notice}</Notice> : null}
      <TextField
        label="Time zone"
        {...form.field('timeZone')}
        value={timeZone}
        onChange={setTimeZone}
        autoComplete="off"
        maxLength={64}
        required
        list={listId}
        hint="An IANA name such as Europe/Berlin or America/New_York; suggestions appear as you type."
      />
      <datalist id={listId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FormActions form={form} submitLabel="Save time zone" />
    </Form>
  );
}
