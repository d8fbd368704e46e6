import { Button } from '../../ui/button';
import { TextField } from '../../ui/text-field';
import type { FieldState } from '../../ui/use-form-submit';
import type { FieldErrorSlot } from './field-error';
import { codeFieldName, codeMapRow, loincFieldName, type CodeMapRow } from './device-draft';

export interface CodeMapEditorProps {
  rows: readonly CodeMapRow[];
  onChange: (rows: CodeMapRow[]) => void;
  field: (name: string) => FieldState;
  errorFor: FieldErrorSlot;
}

export function codeMapFieldNames(rows: readonly CodeMapRow[]): string[] {
  return rows.flatMap((row, index) => [codeFieldName(index), loincFieldName(row.code)]);
}

/** The device's own test codes mapped to LOINC, for codes the built-in tables do not know. */
export function CodeMapEditor({ rows, onChange, field, errorFor }: CodeMapEditorProps) {
  const update = (key: number, change: Partial<CodeMapRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <fieldset className="fieldset code-map">
      <legend>Code map (optional)</legend>
      <p className="muted">Only for codes this device sends that are not mapped already. Empty rows are ignored.</p>
      {rows.length === 0 ? <p className="muted">No code mappings.</p> : null}
      <ol className="code-map__rows">
        {rows.map((row, index) => (
          <li key={row.key} className="code-map__row">
            <TextField label={`Device code ${index + 1}`} {...field(codeFieldName(index))} value={row.code} onChange={(code) => update(row.key, { code })} autoComplete="off" maxLength={40} />
            <TextField label={`LOINC code ${index + 1}`} {...field(loincFieldName(row.code))} value={row.loinc} onChange={(loinc) => update(row.key, { loinc })} hint="e.g. 2345-7" autoComplete="off" maxLength={10} />
            <Button variant="quiet" onClick={() => onChange(rows.filter((r) => r.key !== row.key))} aria-label={`Remove code mapping ${index + 1}`}>
              Remove
            </Button>
            {errorFor([codeFieldName(index), loincFieldName(row.code)])}
          </li>
        ))}
      </ol>
      <Button variant="secondary" onClick={() => onChange([...rows, codeMapRow()])}>
        Add code mapping
      </Button>
    </fieldset>
  );
}
