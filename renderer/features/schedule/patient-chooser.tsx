import { useState } from 'react';
import type { PatientSummary } from '../../../common/domain/patients';
import { Button } from '../../ui/button';
import { formatDateOfBirth, patientName } from '../patients/patient-format';
import { PatientSearchBox } from '../patients/patient-search-box';

export interface PatientChooserProps {
  patient: PatientSummary | null;
  onChange: (patient: PatientSummary | null) => void;
  autoFocus?: boolean;
}

/** The patient of a booking: search as you type (patients.search), then shown with MRN and birth date. */
export function PatientChooser({ patient, onChange, autoFocus }: PatientChooserProps) {
  // Choosing replaces the search box (which had focus) with the chosen patient: focus moves to its
  // Change button rather than falling to the page, so keyboard and screen-reader users stay in place.
  const [chosenHere, setChosenHere] = useState(false);
  if (!patient) {
    return (
      <PatientSearchBox
        label="Patient"
        onChoose={(p) => {
          setChosenHere(true);
          onChange(p);
        }}
        autoFocus={autoFocus}
      />
    );
  }
  return (
    <div className="field">
      <span className="field__label">Patient</span>
      <div className="chosen-patient">
        <span>
          <strong>{patientName(patient)}</strong> · {patient.mrn} · born {formatDateOfBirth(patient.dateOfBirth)}
        </span>
        <Button variant="quiet" onClick={() => onChange(null)} aria-label={`Change patient (now ${patientName(patient)})`} autoFocus={chosenHere}>
          Change
        </Button>
      </div>
    </div>
  );
}
