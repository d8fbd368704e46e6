import { useState, type FormEvent } from 'react';
import {
  ACTIVITY_STATUS_LABELS,
  CARE_PLAN_STATUS_LABELS,
  CARE_PLAN_TRANSITIONS,
  GOAL_STATUS_LABELS,
  isActivityOpen,
  type CarePlan,
  type CarePlanActivity,
  type CarePlanStatus,
} from '../../../common/domain/care-plans';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { InputField } from '../../ui/input-field';
import { LoadingMessage } from '../../ui/loading-message';

const STATUS_ACTIONS: Readonly<Record<CarePlanStatus, string>> = { draft: 'Back to draft', active: 'Activate', completed: 'Complete plan', revoked: 'Revoke' };

/** The patient's care plans: goals, activities (overdue ones marked), linked problems; add, activate, complete. */
export function CarePlansPanel({ patientId, encounterId, canWrite, refresh }: { patientId: string; encounterId: string; canWrite: boolean; refresh: number }) {
  const client = useClient();
  const plans = useApiQuery(() => client.api.carePlans.list({ patientId }), [client, patientId, refresh]);
  const [error, setError] = useState<ApiError | null>(null);

  const act = async (call: Promise<{ ok: boolean; error?: ApiError }>) => {
    const result = await call;
    setError(result.ok ? null : (result.error ?? null));
    plans.reload();
  };

  return (
    <section className="card encounter-panel" aria-labelledby="care-plans-title">
      <h2 id="care-plans-title">Care plans</h2>
      <ErrorBanner error={error} />
      {plans.error ? <ErrorBanner error={plans.error} onRetry={plans.reload} /> : null}
      {!plans.data && !plans.error ? <LoadingMessage /> : null}
      {plans.data && plans.data.carePlans.length === 0 ? <p className="muted">No care plans yet.</p> : null}
      {plans.data?.carePlans.map((plan) => (
        <CarePlanCard
          key={plan.id}
          plan={plan}
          canWrite={canWrite}
          onStatus={(status) => void act(client.api.carePlans.setStatus({ id: plan.id, expectedVersion: plan.version, status }))}
          onComplete={(a) => void act(client.api.carePlans.updateActivity({ id: a.id, expectedVersion: a.version, status: 'completed' }))}
        />
      ))}
      {canWrite ? <NewCarePlanForm patientId={patientId} encounterId={encounterId} onSaved={plans.reload} /> : null}
    </section>
  );
}

function CarePlanCard({ plan, canWrite, onStatus, onComplete }: { plan: CarePlan; canWrite: boolean; onStatus: (s: CarePlanStatus) => void; onComplete: (a: CarePlanActivity) => void }) {
  return (
    <article className="care-plan" aria-label={`Care plan ${plan.title}`}>
      <h3>
        {plan.title} <span className="badge">{CARE_PLAN_STATUS_LABELS[plan.status]}</span>
        {plan.overdueActivities > 0 ? <span className="badge badge--warn">{plan.overdueActivities} overdue</span> : null}
      </h3>
      {plan.description ? <p>{plan.description}</p> : null}
      {plan.problems.length > 0 ? <p>Addresses: {plan.problems.map((p) => p.condition).join(', ')}</p> : null}
      {plan.goals.length > 0 ? (
        <>
          <h4>Goals</h4>
          <ul>
            {plan.goals.map((g) => (
              <li key={g.id}>
                {g.description}
                {g.target ? ` (target ${g.target})` : ''} — {GOAL_STATUS_LABELS[g.status]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.activities.length > 0 ? (
        <>
          <h4>Activities</h4>
          <ul>
            {plan.activities.map((a) => (
              <li key={a.id} className={a.overdue ? 'care-activity care-activity--overdue' : 'care-activity'}>
                {a.description} · {a.dueDate ? `due ${a.dueDate}` : 'no due date'} · {a.ownerName ?? 'no owner'} · {ACTIVITY_STATUS_LABELS[a.status]}
                {a.overdue ? <strong className="badge badge--warn"> Overdue</strong> : null}
                {canWrite && plan.status === 'active' && isActivityOpen(a.status) ? (
                  <Button variant="quiet" onClick={() => onComplete(a)} aria-label={`Complete activity ${a.description}`}>
                    Complete
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite
        ? CARE_PLAN_TRANSITIONS[plan.status].map((to) => (
            <Button key={to} variant={to === 'revoked' ? 'danger' : 'secondary'} onClick={() => onStatus(to)} aria-label={`${STATUS_ACTIONS[to]} ${plan.title}`}>
              {STATUS_ACTIONS[to]}
            </Button>
          ))
        : null}
    </article>
  );
}

function NewCarePlanForm({ patientId, encounterId, onSaved }: { patientId: string; encounterId: string; onSaved: () => void }) {
  const client = useClient();
  const problems = useApiQuery(() => client.api.problems.list({ patientId }), [client, patientId]);
  const [title, setTitle] = useState('');
  const [goal, setGoal] = useState('');
  const [target, setTarget] = useState('');
  const [activities, setActivities] = useState([{ description: '', dueDate: '' }]);
  const [problemIds, setProblemIds] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await client.api.carePlans.save({
      patientId,
      encounterId,
      title,
      goals: goal.trim() ? [{ description: goal, target }] : [],
      activities: activities.filter((a) => a.description.trim() !== ''),
      problemIds,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setTitle('');
    setGoal('');
    setTarget('');
    setActivities([{ description: '', dueDate: '' }]);
    setProblemIds([]);
    onSaved();
  };

  return (
    <form className="care-form" aria-label="Add a care plan" onSubmit={(e) => void save(e)} noValidate>
      <h3>Add a care plan</h3>
      <ErrorBanner error={error} />
      <InputField label="Title" name="title" type="text" value={title} onChange={setTitle} required maxLength={200} />
      <InputField label="Goal" name="goal" type="text" value={goal} onChange={setGoal} maxLength={300} />
      <InputField label="Goal target" name="target" type="text" value={target} onChange={setTarget} maxLength={200} />
      {activities.map((a, i) => (
        <fieldset key={i} className="care-form__activity">
          <legend>Activity {i + 1}</legend>
          <InputField label={`Activity ${i + 1}`} name={`activity-${i}`} type="text" value={a.description} maxLength={300}
            onChange={(v) => setActivities((list) => list.map((x, j) => (j === i ? { ...x, description: v } : x)))} />
          <InputField label={`Activity ${i + 1} due date`} name={`activity-${i}-due`} type="date" value={a.dueDate}
            onChange={(v) => setActivities((list) => list.map((x, j) => (j === i ? { ...x, dueDate: v } : x)))} />
        </fieldset>
      ))}
      <Button onClick={() => setActivities((list) => [...list, { description: '', dueDate: '' }])}>Add another activity</Button>
      {problems.data && problems.data.some((p) => p.status === 'active') ? (
        <fieldset>
          <legend>Problems addressed</legend>
          {problems.data.filter((p) => p.status === 'active').map((p) => (
            <label key={p.id} className="care-form__problem">
              <input type="checkbox" checked={problemIds.includes(p.id)}
                onChange={(e) => setProblemIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((id) => id !== p.id)))} />
              {p.condition}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Button type="submit" variant="primary" busy={busy}>
        Save care plan
      </Button>
    </form>
  );
}
