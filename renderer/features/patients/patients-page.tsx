import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../ui/button';
import { CheckboxField } from '../../ui/checkbox-field';
import { PageHeader } from '../../ui/page-header';
import { useSignedInSession } from '../auth/session-context';
import { PATHS } from '../shell/app-paths';
import { patientPath } from './patient-format';
import { PatientSearchBox } from './patient-search-box';

/** Find a patient with one box; register a new one. */
export function PatientsPage() {
  const navigate = useNavigate();
  const { permissions } = useSignedInSession();
  const [includeInactive, setIncludeInactive] = useState(false);
  return (
    <>
      <PageHeader
        title="Patients"
        description="Search by name (any order), MRN, date of birth or phone."
        actions={
          permissions.includes('patients.write') ? (
            <Button variant="primary" onClick={() => navigate(PATHS.registerPatient)}>
              Register new patient
            </Button>
          ) : null
        }
      />
      <section className="card" aria-label="Find a patient">
        <PatientSearchBox label="Find a patient" includeInactive={includeInactive} onChoose={(p) => navigate(patientPath(p.id))} autoFocus />
        <CheckboxField label="Include inactive and merged records" name="includeInactive" checked={includeInactive} onChange={setIncludeInactive} />
      </section>
    </>
  );
}
