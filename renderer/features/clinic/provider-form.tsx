import { useState } from 'react';
import type { Provider } from '../../../common/domain/clinic';
import type { User } from '../../../common/domain/users';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { SelectField } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { linkedAccountOptions } from './linked-account-options';

export interface ProviderFormProps {
  /** Null: add a new provider. Otherwise the provider as it was when editing began. */
  provider: Provider | null;
  providers: readonly Provider[];
  users: readonly User[];
  onSaved: (provider: Provider) => void;
  onCancel?: () => void;
}

export function ProviderForm({ provider, providers, users, onSaved, onCancel }: ProviderFormProps) {
  const client = useClient();
  const [givenName, setGivenName] = useState(provider?.givenName ?? '');
  const [familyName, setFamilyName] = useState(provider?.familyName ?? '');
  const [specialty, setSpecialty] = useState(provider?.specialty ?? '');
  const [licenseNumber, setLicenseNumber] = useState(provider?.licenseNumber ?? '');
  const [userId, setUserId] = useState(provider?.userId ?? '');
  const form = useFormSubmit();
  const accountOptions = linkedAccountOptions(users, providers, provider);

  const submit = async () => {
    const input = {
      ...(provider ? { id: provider.id, expectedVersion: provider.version } : {}),
      givenName,
      familyName,
      specialty,
      licenseNumber,
      ...(userId ? { userId } : {}),
    };
    const problem = checkInput('clinic.saveProvider', input);
    if (problem) return form.fail(problem);
    const saved = await form.run(() => client.api.clinic.saveProvider(input));
    if (!saved) return;
    if (!provider) {
      setGivenName('');
      setFamilyName('');
      setSpecialty('');
      setLicenseNumber('');
      setUserId('');
    }
    onSaved(saved);
  };

  return (
    <Form
      title={provider ? `Edit provider: ${provider.displayName}` : 'Add a provider'}
      intro={
        form.error?.code === 'CONFLICT' && form.error.field === undefined ? (
          <p>Someone changed this provider meanwhile. Cancel and open them again to see the latest details.</p>
        ) : (
          <p>A provider is someone patients are booked with. Link their staff account if they sign in to the workstation.</p>
        )
      }
      form={form}
      onSubmit={() => void submit()}
      className="card"
    >
      <TextField label="Given name" {...form.field('givenName')} value={givenName} onChange={setGivenName} autoComplete="off" maxLength={80} required autoFocus={provider !== null} />
      <TextField label="Family name" {...form.field('familyName')} value={familyName} onChange={setFamilyName} autoComplete="off" maxLength={80} required />
      <TextField label="Specialty" {...form.field('specialty')} value={specialty} onChange={setSpecialty} autoComplete="off" maxLength={120} hint="For example General practice or Pediatrics; may be left empty." />
      <TextField label="License number" {...form.field('licenseNumber')} value={licenseNumber} onChange={setLicenseNumber} autoComplete="off" maxLength={40} hint="Letters, digits, spaces, dot, slash and dash; may be left empty." />
      <SelectField label="Linked staff account" {...form.field('userId')} value={userId} options={accountOptions} onChange={setUserId} />
      <FormActions form={form} submitLabel={provider ? 'Save provider' : 'Add provider'} onCancel={onCancel} />
    </Form>
  );
}
