import { DEMOGRAPHIC_LABELS, PATIENT_SEXES, SEX_LABELS, type DemographicField, type PatientRecord, type PatientSex } from '../../../common/domain/patients';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { TextField } from '../../ui/text-field';
import type { FormSubmit } from '../../ui/use-form-submit';

/** What the form holds: every demographic as text ("" = empty), sex possibly not chosen yet. */
export type PatientFormValues = { [F in Exclude<DemographicField, 'sex'>]: string } & { sex: PatientSex | '' };

export const EMPTY_PATIENT_FORM: PatientFormValues = {
  givenName: '',
  middleName: '',
  familyName: '',
  dateOfBirth: '',
  sex: '',
  phone: '',
  email: '',
  addressLine: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  nationalId: '',
  insuranceNumber: '',
  emergencyContactName: '',
  emergencyContactRelationship: '',
  emergencyContactPhone: '',
};

export function formValuesOf(record: PatientRecord): PatientFormValues {
  const values = { ...EMPTY_PATIENT_FORM };
  for (const field of Object.keys(EMPTY_PATIENT_FORM) as DemographicField[]) {
    (values as Record<string, string>)[field] = record[field] ?? '';
  }
  return values;
}

const SEX_OPTIONS: readonly SelectOption<PatientSex | ''>[] = [
  { value: '', label: 'Choose…' },
  ...PATIENT_SEXES.map((sex) => ({ value: sex, label: SEX_LABELS[sex] })),
];

interface FieldSpec {
  field: Exclude<DemographicField, 'sex'>;
  maxLength: number;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
}

const NAME_FIELDS: FieldSpec[] = [
  { field: 'givenName', maxLength: 100, required: true },
  { field: 'middleName', maxLength: 100 },
  { field: 'familyName', maxLength: 100, required: true },
];
const CONTACT_FIELDS: FieldSpec[] = [
  { field: 'phone', maxLength: 30, hint: 'Digits with spaces, + ( ) . / - as you like.' },
  { field: 'email', maxLength: 254 },
  { field: 'addressLine', maxLength: 200 },
  { field: 'city', maxLength: 100 },
  { field: 'region', maxLength: 100 },
  { field: 'postalCode', maxLength: 12 },
  { field: 'country', maxLength: 2, hint: 'Two letters, e.g. US or FR.' },
];
const IDENTIFIER_FIELDS: FieldSpec[] = [
  { field: 'nationalId', maxLength: 40 },
  { field: 'insuranceNumber', maxLength: 40 },
];
const EMERGENCY_FIELDS: FieldSpec[] = [
  { field: 'emergencyContactName', maxLength: 120 },
  { field: 'emergencyContactRelationship', maxLength: 60 },
  { field: 'emergencyContactPhone', maxLength: 30 },
];

export interface PatientFormFieldsProps {
  values: PatientFormValues;
  onChange: (values: PatientFormValues) => void;
  form: FormSubmit;
  /** Field names in errors carry this prefix (edits send `changes.<field>`). */
  fieldPrefix?: string;
  autoFocus?: boolean;
}

/** Every demographic input, labelled, named after its contract field so errors find it. */
export function PatientFormFields({ values, onChange, form, fieldPrefix = '', autoFocus = false }: PatientFormFieldsProps) {
  const set = (field: DemographicField) => (value: string) => onChange({ ...values, [field]: value });
  const text = (spec: FieldSpec, first = false) => (
    <TextField
      key={spec.field}
      label={DEMOGRAPHIC_LABELS[spec.field]}
      {...form.field(`${fieldPrefix}${spec.field}`)}
      value={values[spec.field]}
      onChange={set(spec.field)}
      autoComplete={spec.autoComplete ?? 'off'}
      maxLength={spec.maxLength}
      hint={spec.hint}
      required={spec.required}
      autoFocus={first && autoFocus}
    />
  );
  return (
    <>
      <fieldset className="fieldset">
        <legend>Name and birth</legend>
        {NAME_FIELDS.map((spec, i) => text(spec, i === 0))}
        <TextField
          label={DEMOGRAPHIC_LABELS.dateOfBirth}
          {...form.field(`${fieldPrefix}dateOfBirth`)}
          value={values.dateOfBirth}
          onChange={set('dateOfBirth')}
          hint="Year-month-day, e.g. 1984-03-07."
          maxLength={10}
          autoComplete="off"
          required
        />
        <SelectField label="Sex" {...form.field(`${fieldPrefix}sex`)} value={values.sex} options={SEX_OPTIONS} onChange={set('sex')} required />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Contact and address</legend>
        {CONTACT_FIELDS.map((spec) => text(spec))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Identifiers</legend>
        {IDENTIFIER_FIELDS.map((spec) => text(spec))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Emergency contact</legend>
        {EMERGENCY_FIELDS.map((spec) => text(spec))}
      </fieldset>
    </>
  );
}
