import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { DateOfBirthSchema, dateOfBirthProblem, type DuplicateCandidate, type PatientSex } from '../../../common/domain/patients';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Form, FormActions } from '../../ui/form';
import { PageHeader } from '../../ui/page-header';
import { useFormSubmit } from '../../ui/use-form-submit';
import { PATHS } from '../shell/app-paths';
import { DuplicateWarnings } from './duplicate-warnings';
import { localToday, patientPath } from './patient-format';
import { EMPTY_PATIENT_FORM, PatientFormFields, type PatientFormValues } from './patient-form-fields';

const DUPLICATE_CHECK_DELAY_MS = 300;

/** Likely duplicates of what is typed so far, checked once names and date of birth are there. */
function useDuplicateCandidates(values: PatientFormValues): DuplicateCandidate[] {
  const client = useClient();
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const { givenName, familyName, dateOfBirth, phone, nationalId, insuranceNumber } = values;
  useEffect(() => {
    const probe = { givenName, familyName, dateOfBirth, phone, nationalId, insuranceNumber };
    if (checkInput('patients.findDuplicates', probe)) {
      setCandidates([]);
      return;
    }
    let superseded = false;
    const timer = setTimeout(() => {
      void client.api.patients.findDuplicates(probe).then((result) => {
        if (!superseded && result.ok) setCandidates(result.value);
      });
    }, DUPLICATE_CHECK_DELAY_MS);
    return () => {
      superseded = true;
      clearTimeout(timer);
    };
  }, [client, givenName, familyName, dateOfBirth, phone, nationalId, insuranceNumber]);
  return candidates;
}

export function RegisterPatientPage() {
  const client = useClient();
  const navigate = useNavigate();
  const form = useFormSubmit();
  const [values, setValues] = useState<PatientFormValues>(EMPTY_PATIENT_FORM);
  const [confirmedIds, setConfirmedIds] = useState<string[]>([]);
  const candidates = useDuplicateCandidates(values);
  const candidateIds = candidates.map((c) => c.patient.id);
  const confirmed = candidateIds.length > 0 && candidateIds.every((id) => confirmedIds.includes(id));
  const warningsRef = useRef<HTMLDivElement>(null);

  const submit = async () => {
    const input = { ...values, sex: values.sex as PatientSex, acknowledgedDuplicateIds: confirmed ? candidateIds : [] };
    const problem = checkInput('patients.register', input);
    if (problem) return form.fail(problem.field === 'sex' ? { ...problem, message: 'Choose the patient’s sex (or Unknown)' } : problem);
    if (DateOfBirthSchema.safeParse(values.dateOfBirth).success) {
      const dob = dateOfBirthProblem(values.dateOfBirth, localToday());
      if (dob) return form.fail({ code: 'VALIDATION', message: dob, field: 'dateOfBirth' });
    }
    if (candidates.length > 0 && !confirmed) {
      warningsRef.current?.scrollIntoView({ block: 'center' });
      return form.fail({
        code: 'CONFLICT',
        message: 'This patient may already be registered. Open the existing record, or tick “These are different patients”.',
        field: 'acknowledgedDuplicateIds',
      });
    }
    const record = await form.run(() => client.api.patients.register(input));
    if (record) navigate(patientPath(record.id), { state: { notice: `Registered ${record.givenName} ${record.familyName} as ${record.mrn}.` } });
  };

  return (
    <>
      <PageHeader title="Register new patient" description="Names, date of birth and sex are required; everything else can be added later." />
      <Form title="Patient details" form={form} onSubmit={() => void submit()} className="card patient-form">
        <PatientFormFields values={values} onChange={setValues} form={form} autoFocus />
        <div ref={warningsRef}>
          <DuplicateWarnings
            candidates={candidates}
            confirmed={confirmed}
            onConfirmedChange={(checked) => setConfirmedIds(checked ? candidateIds : [])}
            invalid={form.field('acknowledgedDuplicateIds').invalid}
            errorId={form.field('acknowledgedDuplicateIds').errorId}
          />
        </div>
        <FormActions form={form} submitLabel="Register patient" onCancel={() => navigate(PATHS.patients)} />
      </Form>
    </>
  );
}
