import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import type { PatientSummary } from '../../../common/domain/patients';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateOfBirth, patientName, sexLabel } from './patient-format';
import { usePatientSearch } from './use-patient-search';

export interface PatientSearchBoxProps {
  label: string;
  onChoose: (patient: PatientSummary) => void;
  includeInactive?: boolean;
  /** Patients not to offer (e.g. the record a merge starts from). */
  excludeIds?: readonly string[];
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/**
 * One search box with results as you type: a combobox whose results are a listbox.
 * ↓/↑ move through the results (focus stays in the box; aria-activedescendant names the active
 * one), Enter opens it, Escape clears the box. Home/End stay with the text.
 */
export function PatientSearchBox({ label, onChoose, includeInactive = false, excludeIds = [], inputRef, autoFocus }: PatientSearchBoxProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const search = usePatientSearch(query, { includeInactive });
  const results = search.results.filter((p) => !excludeIds.includes(p.id));
  const listId = `${id}-results`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const open = query.trim() !== '' && search.resultsFor !== '';
  const activeIndex = Math.min(active, Math.max(results.length - 1, 0));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      setActive((activeIndex + 1) % results.length);
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault();
      setActive((activeIndex - 1 + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = results[activeIndex];
      if (chosen && open) onChoose(chosen);
    } else if (event.key === 'Escape') {
      setQuery('');
      setActive(0);
    }
  };

  const status = !query.trim()
    ? 'Type a name, MRN, date of birth or phone number.'
    : search.searching && search.resultsFor !== query.trim()
      ? 'Searching…'
      : results.length === 0
        ? 'No patients found.'
        : `${results.length} patient${results.length === 1 ? '' : 's'} found. Use the arrow keys to choose, Enter to open.`;

  return (
    <div className="patient-search">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        name="query"
        type="search"
        className="field__input patient-search__input"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results.length > 0 ? optionId(activeIndex) : undefined}
        aria-describedby={`${id}-status`}
        value={query}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-status`} className="field__hint" role="status">
        {status}
      </p>
      <ErrorBanner error={search.error} />
      <ul id={listId} role="listbox" aria-label={`${label}: results`} className="patient-search__results" hidden={!open || results.length === 0}>
        {results.map((p, i) => (
          <li
            key={p.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            className={`patient-search__option${i === activeIndex ? ' patient-search__option--active' : ''}`}
            // Mouse users click; the input keeps focus so typing continues.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(p)}
            onMouseMove={() => setActive(i)}
          >
            <span className="patient-search__name">{patientName(p)}</span>
            <span className="patient-search__facts">
              {p.mrn} · born {formatDateOfBirth(p.dateOfBirth)} ({p.dateOfBirth}) · {sexLabel(p.sex)}
              {p.phone ? ` · ${p.phone}` : ''}
            </span>
            {p.active ? null : <span className="badge badge--muted">Inactive</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
