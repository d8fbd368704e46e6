import { useState } from 'react';
import { COMMON_LAB_TESTS, type Order, type PRIORITIES, type SPECIMENS } from '../../../common/domain/orders';
import { useClient } from '../../api/client-context';
import { Form, FormActions } from '../../ui/form';
import { SelectField } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { PRIORITY_OPTIONS, SPECIMEN_OPTIONS } from './order-labels';

const TEST_OPTIONS = COMMON_LAB_TESTS.map((t) => ({ value: t.code, label: `${t.name} (${t.code})` }));

export interface LabOrderFormProps {
  patientId: string;
  encounterId: string;
  onDrafted: (order: Order) => void;
  onCancel: () => void;
}

/** Drafts a lab order from a pick list of common LOINC tests; main assigns the accession number. */
export function LabOrderForm({ patientId, encounterId, onDrafted, onCancel }: LabOrderFormProps) {
  const client = useClient();
  const form = useFormSubmit();
  const first = COMMON_LAB_TESTS[0]!;
  const [testCode, setTestCode] = useState(first.code);
  const [specimen, setSpecimen] = useState<(typeof SPECIMENS)[number]>(first.specimen);
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('routine');
  const [accessionNumber, setAccessionNumber] = useState('');

  const chooseTest = (code: string) => {
    setTestCode(code);
    const test = COMMON_LAB_TESTS.find((t) => t.code === code);
    if (test) setSpecimen(test.specimen);
  };

  const submit = async () => {
    const test = COMMON_LAB_TESTS.find((t) => t.code === testCode)!;
    const drafted = await form.run(() =>
      client.api.orders.draftLab({
        patientId,
        encounterId,
        testCode,
        testName: test.name,
        specimen,
        priority,
        ...(accessionNumber.trim() ? { accessionNumber } : {}),
      }),
    );
    if (drafted) onDrafted(drafted);
  };

  return (
    <Form title="Draft a lab order" titleLevel={3} form={form} onSubmit={() => void submit()} className="clinical-form">
      <div className="clinical-form__grid">
        <SelectField label="Test" name="testCode" value={testCode} options={TEST_OPTIONS} onChange={chooseTest} />
        <SelectField label="Specimen" name="specimen" value={specimen} options={SPECIMEN_OPTIONS} onChange={setSpecimen} />
        <SelectField label="Priority" name="priority" value={priority} options={PRIORITY_OPTIONS} onChange={setPriority} />
        <TextField
          label="Accession number (optional)"
          {...form.field('accessionNumber')}
          value={accessionNumber}
          onChange={setAccessionNumber}
          maxLength={30}
          hint="Leave empty to assign the next number; fill in for a pre-labelled tube."
        />
      </div>
      <FormActions form={form} submitLabel="Save draft" onCancel={onCancel} />
    </Form>
  );
}
