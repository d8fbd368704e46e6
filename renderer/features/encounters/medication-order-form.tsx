import { useMemo, useState } from 'react';
import { allergyWarningsFor, type Allergy } from '../../../common/domain/allergies';
import type { DOSE_UNITS, FREQUENCIES, Order, ROUTES } from '../../../common/domain/orders';
import { useClient } from '../../api/client-context';
import { Form, FormActions } from '../../ui/form';
import { InputField } from '../../ui/input-field';
import { SelectField } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { AllergyWarnings } from './allergy-warnings';
import { DOSE_UNIT_OPTIONS, FREQUENCY_OPTIONS, ROUTE_OPTIONS } from './order-labels';

/** "" means not given; anything else is sent as typed, so main's message names a bad number. */
function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

export interface MedicationOrderFormProps {
  patientId: string;
  encounterId: string;
  allergies: readonly Allergy[];
  onDrafted: (order: Order) => void;
  onCancel: () => void;
}

/** Drafts a medication order; warns as soon as the drug matches a recorded allergy. */
export function MedicationOrderForm({ patientId, encounterId, allergies, onDrafted, onCancel }: MedicationOrderFormProps) {
  const client = useClient();
  const form = useFormSubmit();
  const [drug, setDrug] = useState('');
  const [drugCode, setDrugCode] = useState('');
  const [dose, setDose] = useState('');
  const [doseUnit, setDoseUnit] = useState<(typeof DOSE_UNITS)[number]>('mg');
  const [route, setRoute] = useState<(typeof ROUTES)[number]>('oral');
  const [frequency, setFrequency] = useState<(typeof FREQUENCIES)[number]>('daily');
  const [durationDays, setDurationDays] = useState('');
  const [quantity, setQuantity] = useState('');
  const [refills, setRefills] = useState('0');
  const [instructions, setInstructions] = useState('');

  // The same rule main applies (common/domain/allergies.ts), so the warning appears while typing.
  const warnings = useMemo(() => (drug.trim() === '' ? [] : allergyWarningsFor({ name: drug, code: drugCode }, allergies)), [drug, drugCode, allergies]);

  const submit = async () => {
    const drafted = await form.run(() =>
      client.api.orders.draftMedication({
        patientId,
        encounterId,
        drug,
        drugCode,
        dose: numberOrUndefined(dose) ?? Number.NaN,
        doseUnit,
        route,
        frequency,
        durationDays: numberOrUndefined(durationDays),
        quantity: numberOrUndefined(quantity),
        refills: numberOrUndefined(refills) ?? 0,
        instructions,
      }),
    );
    if (drafted) onDrafted(drafted.order);
  };

  return (
    <Form title="Draft a medication order" titleLevel={3} form={form} onSubmit={() => void submit()} className="clinical-form">
      <div className="clinical-form__grid">
        <TextField label="Drug" {...form.field('drug')} value={drug} onChange={setDrug} maxLength={120} required autoFocus />
        <TextField label="Drug code (RxNorm, optional)" {...form.field('drugCode')} value={drugCode} onChange={setDrugCode} maxLength={40} />
      </div>
      <AllergyWarnings warnings={warnings} />
      <div className="clinical-form__grid">
        <InputField label="Dose" type="number" {...form.field('dose')} value={dose} onChange={setDose} min={0} step={0.001} required />
        <SelectField label="Unit" name="doseUnit" value={doseUnit} options={DOSE_UNIT_OPTIONS} onChange={setDoseUnit} />
        <SelectField label="Route" name="route" value={route} options={ROUTE_OPTIONS} onChange={setRoute} />
        <SelectField label="Frequency" name="frequency" value={frequency} options={FREQUENCY_OPTIONS} onChange={setFrequency} />
        <InputField label="Duration (days)" type="number" {...form.field('durationDays')} value={durationDays} onChange={setDurationDays} min={1} max={365} step={1} />
        <InputField label="Quantity" type="number" {...form.field('quantity')} value={quantity} onChange={setQuantity} min={1} max={10000} step={1} />
        <InputField label="Refills" type="number" {...form.field('refills')} value={refills} onChange={setRefills} min={0} max={12} step={1} />
      </div>
      <TextField label="Instructions" {...form.field('instructions')} value={instructions} onChange={setInstructions} maxLength={500} />
      <FormActions form={form} submitLabel="Save draft" onCancel={onCancel} />
    </Form>
  );
}
