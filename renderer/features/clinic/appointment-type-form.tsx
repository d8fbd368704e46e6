import { useState } from 'react';
import { APPOINTMENT_COLOURS, type AppointmentColour, type AppointmentType } from '../../../common/domain/scheduling';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { InputField } from '../../ui/input-field';
import { colourLabel } from './appointment-type-colours';

const COLOUR_OPTIONS: readonly SelectOption<AppointmentColour>[] = APPOINTMENT_COLOURS.map((colour) => ({ value: colour, label: colourLabel(colour) }));

export interface AppointmentTypeFormProps {
  /** Null: add a new type. Otherwise the type as it was when editing began. */
  type: AppointmentType | null;
  onSaved: (type: AppointmentType) => void;
  onCancel?: () => void;
}

export function AppointmentTypeForm({ type, onSaved, onCancel }: AppointmentTypeFormProps) {
  const client = useClient();
  const [name, setName] = useState(type?.name ?? '');
  const [duration, setDuration] = useState(type ? String(type.durationMinutes) : '20');
  const [colour, setColour] = useState<AppointmentColour>(type?.colour ?? 'blue');
  const form = useFormSubmit();

  const submit = async () => {
    const input = {
      ...(type ? { id: type.id, expectedVersion: type.version, active: type.active } : {}),
      name,
      durationMinutes: duration.trim() === '' ? Number.NaN : Number(duration),
      colour,
    };
    const problem = checkInput('schedule.saveAppointmentType', input);
    if (problem) return form.fail(problem);
    const saved = await form.run(() => client.api.schedule.saveAppointmentType(input));
    if (!saved) return;
    if (!type) {
      setName('');
      setDuration('20');
      setColour('blue');
    }
    onSaved(saved);
  };

  return (
    <Form
      title={type ? `Edit appointment type: ${type.name}` : 'Add an appointment type'}
      intro={
        form.error?.code === 'CONFLICT' && form.error.field === 'expectedVersion' ? (
          <p>Someone changed this appointment type meanwhile. Cancel and open it again to see the latest details.</p>
        ) : (
          <p>What the front desk books: its length sets how long the appointment is, its colour how it shows on the schedule.</p>
        )
      }
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      <TextField label="Name" {...form.field('name')} value={name} onChange={setName} autoComplete="off" maxLength={80} required autoFocus={type !== null} />
      <InputField
        label="Duration (minutes)"
        type="number"
        {...form.field('durationMinutes')}
        value={duration}
        onChange={setDuration}
        min={5}
        max={480}
        step={5}
        required
        hint="5 to 480 minutes, in steps of 5."
      />
      <div className="colour-field">
        <SelectField label="Colour" {...form.field('colour')} value={colour} options={COLOUR_OPTIONS} onChange={setColour} required />
        <span className={`swatch swatch--${colour} colour-field__swatch`} aria-hidden="true" />
      </div>
      <FormActions form={form} submitLabel={type ? 'Save appointment type' : 'Add appointment type'} onCancel={onCancel} />
    </Form>
  );
}
