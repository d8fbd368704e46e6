import { useState, type FormEvent } from 'react';
import { CODE_SYSTEM_LABELS, PROBLEM_STATUS_LABELS, type Problem, type ProblemCodeSystem } from '../../../common/domain/problems';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { InputField } from '../../ui/input-field';
import { LoadingMessage } from '../../ui/loading-message';
import { SelectField } from '../../ui/select-field';

type CodeChoice = ProblemCodeSystem | 'none';
const CODE_OPTIONS = [
  { value: 'none' as const, label: 'No code' },
  { value: 'snomed-ct' as const, label: CODE_SYSTEM_LABELS['snomed-ct'] },
  { value: 'icd-10' as const, label: CODE_SYSTEM_LABELS['icd-10'] },
];

/** The patient's problem list: add a problem, resolve an active one. */
export function ProblemsPanel({ patientId, encounterId, canWrite, onChanged }: { patientId: string; encounterId: string; canWrite: boolean; onChanged?: () => void }) {
  const client = useClient();
  const problems = useApiQuery(() => client.api.problems.list({ patientId }), [client, patientId]);
  const [condition, setCondition] = useState('');
  const [codeSystem, setCodeSystem] = useState<CodeChoice>('none');
  const [code, setCode] = useState('');
  const [onsetDate, setOnsetDate] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const changed = () => {
    problems.reload();
    onChanged?.();
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await client.api.problems.record({
      patientId, encounterId, condition, code: codeSystem === 'none' ? '' : code, onsetDate,
      ...(codeSystem === 'none' ? {} : { codeSystem }),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setCondition('');
    setCode('');
    setCodeSystem('none');
    setOnsetDate('');
    changed();
  };

  const resolve = async (p: Problem) => {
    const result = await client.api.problems.update({ id: p.id, expectedVersion: p.version, status: 'resolved' });
    setError(result.ok ? null : result.error);
    changed();
  };

  const columns: Column<Problem>[] = [
    { header: 'Condition', rowHeader: true, cell: (p) => p.condition },
    { header: 'Code', cell: (p) => (p.code && p.codeSystem ? `${CODE_SYSTEM_LABELS[p.codeSystem]} ${p.code}` : '—') },
    { header: 'Onset', cell: (p) => p.onsetDate ?? '—' },
    { header: 'Status', cell: (p) => `${PROBLEM_STATUS_LABELS[p.status]}${p.resolvedDate ? ` ${p.resolvedDate}` : ''}` },
    {
      header: 'Actions',
      cell: (p) =>
        canWrite && p.status === 'active' ? (
          <Button variant="quiet" onClick={() => void resolve(p)} aria-label={`Resolve ${p.condition}`}>
            Resolve
          </Button>
        ) : null,
    },
  ];

  return (
    <section className="card encounter-panel" aria-labelledby="problems-title">
      <h2 id="problems-title">Problems</h2>
      <ErrorBanner error={error} />
      {problems.error ? <ErrorBanner error={problems.error} onRetry={problems.reload} /> : null}
      {!problems.data && !problems.error ? <LoadingMessage /> : null}
      {problems.data ? <DataTable caption="Problem list" captionHidden columns={columns} rows={problems.data} rowKey={(p) => p.id} emptyMessage="No problems recorded." /> : null}
      {canWrite ? (
        <form className="care-form" aria-label="Add a problem" onSubmit={(e) => void add(e)} noValidate>
          <InputField label="Condition" name="condition" type="text" value={condition} onChange={setCondition} required maxLength={200} />
          <SelectField label="Code system" name="codeSystem" value={codeSystem} options={CODE_OPTIONS} onChange={setCodeSystem} />
          {codeSystem !== 'none' ? <InputField label="Code" name="code" type="text" value={code} onChange={setCode} maxLength={20} /> : null}
          <InputField label="Onset date" name="onsetDate" type="date" value={onsetDate} onChange={setOnsetDate} />
          <Button type="submit" variant="primary" busy={busy}>
            Add problem
          </Button>
        </form>
      ) : null}
    </section>
  );
}
