import { useState } from 'react';
import type { Organization } from '../../../common/domain/clinic';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { Form, FormActions } from '../../ui/form';
import { Notice } from '../../ui/notice';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';

export interface OrganizationFormProps {
  /** The details as loaded when the page opened. */
  organization: Organization;
}

export function OrganizationForm({ organization }: OrganizationFormProps) {
  const client = useClient();
  // The details the edits are based on: their version guards against overwriting someone else's change.
  const [base, setBase] = useState(organization);
  const [name, setName] = useState(organization.name);
  const [phone, setPhone] = useState(organization.phone ?? '');
  const [email, setEmail] = useState(organization.email ?? '');
  const [address, setAddress] = useState(organization.address ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormSubmit();

  const startFrom = (details: Organization) => {
    setBase(details);
    setName(details.name);
    setPhone(details.phone ?? '');
    setEmail(details.email ?? '');
    setAddress(details.address ?? '');
  };

  const submit = async () => {
    setNotice(null);
    const input = { expectedVersion: base.version, name, phone, email, address };
    const problem = checkInput('clinic.updateOrganization', input);
    if (problem) return form.fail(problem);
    const saved = await form.run(() => client.api.clinic.updateOrganization(input));
    if (!saved) return;
    startFrom(saved);
    setNotice('Saved the clinic’s details.');
  };

  const loadLatest = async () => {
    const latest = await form.run(() => client.api.clinic.getOrganization({}));
    if (!latest) return;
    startFrom(latest);
    setNotice('Showing the latest details; your unsaved changes were discarded.');
  };

  return (
    <Form
      title="Organization details"
      intro={<p>The clinic’s name and how patients reach it. Leave a contact detail empty if the clinic has none.</p>}
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      {notice ? <Notice>{notice}</Notice> : null}
      {form.error?.code === 'CONFLICT' ? (
        <div className="form__actions">
          <Button variant="secondary" onClick={() => void loadLatest()}>
            Load the latest details
          </Button>
        </div>
      ) : null}
      <TextField label="Clinic name" {...form.field('name')} value={name} onChange={setName} autoComplete="organization" maxLength={160} required />
      <TextField
        label="Phone"
        {...form.field('phone')}
        value={phone}
        onChange={setPhone}
        autoComplete="tel"
        maxLength={40}
        hint="Digits, spaces, + ( ) . / and -."
      />
      <TextField label="E-mail" {...form.field('email')} value={email} onChange={setEmail} autoComplete="email" maxLength={254} />
      <TextField label="Address" {...form.field('address')} value={address} onChange={setAddress} autoComplete="street-address" maxLength={300} />
      <FormActions form={form} submitLabel="Save details" />
    </Form>
  );
}
