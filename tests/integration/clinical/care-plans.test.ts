import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../common/rpc/client';
import { setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';

const DAY_MS = 86_400_000;

describe('care plans through the API', () => {
  let tw: TestWorkstation;
  let c: ScheduleClinic;
  let doc: ApiClient;
  let nurse: ApiClient;
  let nurseId: string;
  let docId: string;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpScheduleClinic(tw);
    docId = unwrap(await c.admin.api.users.create({ username: 'doc', displayName: 'Dana Doctor', role: 'physician', password: 'doc password' })).id;
    doc = tw.client();
    unwrap(await doc.api.auth.login({ username: 'doc', password: 'doc password' }));
    nurseId = unwrap(await c.nurse.api.auth.currentSession({})).user.id;
    nurse = c.nurse;
  });
  afterAll(async () => {
    await tw?.close();
  });

  const signIn = async (username: string, password: string) => {
    const client = tw.client();
    unwrap(await client.api.auth.login({ username, password }));
    return client;
  };
  const problemOf = async (patientId: string, condition: string) => unwrap(await doc.api.problems.record({ patientId, condition })).id;

  it('creates a draft with goals, activities and linked problems, then activates and completes it; other transitions are CONFLICT', async () => {
    const hypertension = await problemOf(c.patients.emilie, 'Hypertension');
    const plan = unwrap(await doc.api.carePlans.save({
      patientId: c.patients.emilie,
      title: 'Blood pressure control',
      periodStart: '2026-03-02',
      goals: [{ description: 'BP below 140/90', target: '< 140/90 mmHg' }],
      activities: [
        { description: 'Home BP diary', dueDate: '2026-03-09', ownerId: nurseId },
        { description: 'Review in clinic', dueDate: '2026-04-01', ownerId: docId },
      ],
      problemIds: [hypertension],
    }));
    expect(plan).toMatchObject({ status: 'draft', version: 1, authorName: 'Dana Doctor', overdueActivities: 0 });
    expect(plan.goals).toMatchObject([{ description: 'BP below 140/90', target: '< 140/90 mmHg', status: 'active' }]);
    expect(plan.activities.map((a) => [a.description, a.ownerName, a.status])).toEqual([
      ['Home BP diary', 'User nina', 'not-started'],
      ['Review in clinic', 'Dana Doctor', 'not-started'],
    ]);
    expect(plan.problems).toMatchObject([{ id: hypertension, condition: 'Hypertension', status: 'active' }]);

    // Edit: drop the second activity, add a goal, unlink the problem.
    const edited = unwrap(await doc.api.carePlans.save({
      id: plan.id, expectedVersion: 1, patientId: c.patients.emilie, title: 'Blood pressure control',
      goals: [{ id: plan.goals[0]!.id, description: 'BP below 140/90' }, { description: 'Lose 3 kg' }],
      activities: [{ id: plan.activities[0]!.id, description: 'Home BP diary, twice daily', dueDate: '2026-03-09', ownerId: nurseId }],
      problemIds: [],
    }));
    expect(edited.version).toBe(2);
    expect(edited.goals.map((g) => g.description)).toEqual(['BP below 140/90', 'Lose 3 kg']);
    expect(edited.activities.map((a) => a.description)).toEqual(['Home BP diary, twice daily']);
    expect(edited.problems).toEqual([]);
    expect(await doc.api.carePlans.save({ id: plan.id, expectedVersion: 1, patientId: c.patients.emilie, title: 'Stale' })).toMatchObject({
      ok: false, error: { code: 'CONFLICT', field: 'expectedVersion' },
    });

    // A draft's activities are not worked on yet.
    const activity = edited.activities[0]!;
    expect(await c.nurse.api.carePlans.updateActivity({ id: activity.id, expectedVersion: activity.version, status: 'completed' })).toMatchObject({
      ok: false, error: { code: 'CONFLICT', field: 'status' },
    });
    expect(await doc.api.carePlans.setStatus({ id: plan.id, expectedVersion: 2, status: 'completed' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'status' } });
    const active = unwrap(await doc.api.carePlans.setStatus({ id: plan.id, expectedVersion: 2, status: 'active' }));
    expect(active).toMatchObject({ status: 'active', version: 3 });
    const audit = tw.workstation.database.raw.prepare("SELECT patient_id FROM audit_events WHERE action = 'carePlans.setStatus' AND outcome = 'ok'").get() as { patient_id: string };
    expect(audit.patient_id).toBe(c.patients.emilie);

    const done = unwrap(await c.nurse.api.carePlans.updateActivity({ id: activity.id, expectedVersion: activity.version, status: 'completed' }));
    expect(done).toMatchObject({ status: 'completed', completedAt: tw.clock.now().toISOString(), overdue: false });
    expect(await c.nurse.api.carePlans.updateActivity({ id: activity.id, expectedVersion: done.version, status: 'in-progress' })).toMatchObject({
      ok: false, error: { code: 'CONFLICT', field: 'status' },
    });

    const reloaded = unwrap(await doc.api.carePlans.list({ patientId: c.patients.emilie })).carePlans[0]!;
    expect(reloaded.version).toBe(4); // the activity change moved the plan on
    const completed = unwrap(await doc.api.carePlans.setStatus({ id: plan.id, expectedVersion: 4, status: 'completed' }));
    expect(completed.status).toBe('completed');
    expect(await doc.api.carePlans.setStatus({ id: plan.id, expectedVersion: 5, status: 'revoked' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'status' } });
    expect(await doc.api.carePlans.save({ id: plan.id, expectedVersion: 5, patientId: c.patients.emilie, title: 'Reopen' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses to link another patient’s problem, and owners who are not clinicians', async () => {
    const jonasProblem = await problemOf(c.patients.jonas, 'Asthma');
    const emilieProblem = await problemOf(c.patients.emilie, 'Obesity');
    const before = tw.workstation.database.raw.prepare('SELECT count(*) AS n FROM care_plans').get();
    expect(await doc.api.carePlans.save({ patientId: c.patients.emilie, title: 'Mixed', problemIds: [emilieProblem, jonasProblem] })).toMatchObject({
      ok: false, error: { code: 'VALIDATION', field: 'problemIds.1' },
    });
    const adminId = unwrap(await c.admin.api.auth.currentSession({})).user.id;
    expect(await doc.api.carePlans.save({ patientId: c.patients.emilie, title: 'Owned', activities: [{ description: 'Call', ownerId: adminId }] })).toMatchObject({
      ok: false, error: { code: 'VALIDATION', field: 'activities.0.ownerId' },
    });
    expect(tw.workstation.database.raw.prepare('SELECT count(*) AS n FROM care_plans').get()).toEqual(before);
  });

  it('keeps the front desk out of care plans and the worklist', async () => {
    for (const result of [
      await c.desk.api.carePlans.list({ patientId: c.patients.emilie }),
      await c.desk.api.carePlans.save({ patientId: c.patients.emilie, title: 'Sneaky' }),
      await c.desk.api.carePlans.worklist({}),
      await c.admin.api.carePlans.worklist({}),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('flags overdue activities from the clinic’s today and lists them first on the worklist, filtered by owner', async () => {
    const plan = unwrap(await doc.api.carePlans.save({
      patientId: c.patients.jonas,
      title: 'Diabetes follow-up',
      activities: [
        { description: 'HbA1c in three months', dueDate: '2026-06-01', ownerId: docId },
        { description: 'Foot exam', dueDate: '2026-03-04', ownerId: nurseId },
        { description: 'Diet advice', ownerId: nurseId },
        { description: 'Eye screening referral', dueDate: '2026-03-03', ownerId: docId },
      ],
    }));
    // A draft's activities are not on the worklist.
    expect(unwrap(await nurse.api.carePlans.worklist({})).items.filter((i) => i.carePlan.id === plan.id)).toEqual([]);
    unwrap(await doc.api.carePlans.setStatus({ id: plan.id, expectedVersion: 1, status: 'active' }));

    const onMonday = unwrap(await nurse.api.carePlans.worklist({}));
    expect(onMonday.today).toBe('2026-03-02');
    expect(onMonday.items.filter((i) => i.carePlan.id === plan.id).map((i) => [i.activity.description, i.activity.overdue])).toEqual([
      ['Eye screening referral', false],
      ['Foot exam', false],
      ['HbA1c in three months', false],
      ['Diet advice', false],
    ]);

    // Thursday: the referral (due Tuesday) and the foot exam (due Wednesday) are overdue.
    tw.clock.advance(3 * DAY_MS);
    // Three idle days end every session: sign in again.
    nurse = await signIn('nina', 'nina password');
    doc = await signIn('doc', 'doc password');
    const later = unwrap(await nurse.api.carePlans.worklist({}));
    expect(later.today).toBe('2026-03-05');
    const mineOfPlan = later.items.filter((i) => i.carePlan.id === plan.id);
    expect(mineOfPlan.map((i) => [i.activity.description, i.activity.overdue, i.patient.id])).toEqual([
      ['Eye screening referral', true, c.patients.jonas],
      ['Foot exam', true, c.patients.jonas],
      ['HbA1c in three months', false, c.patients.jonas],
      ['Diet advice', false, c.patients.jonas],
    ]);
    const overdueFlags = later.items.map((i) => i.activity.overdue);
    expect(overdueFlags).toEqual([...overdueFlags].sort((a, b) => Number(b) - Number(a)));

    const mine = unwrap(await nurse.api.carePlans.worklist({ mine: true }));
    expect(mine.items.every((i) => i.activity.ownerId === nurseId)).toBe(true);
    expect(mine.items.map((i) => i.activity.description)).toEqual(['Foot exam', 'Diet advice']);

    const listed = unwrap(await nurse.api.carePlans.list({ patientId: c.patients.jonas })).carePlans.find((p) => p.id === plan.id)!;
    expect(listed.overdueActivities).toBe(2);

    // Reassigning and completing take an activity off the nurse's list.
    const foot = mine.items[0]!.activity;
    unwrap(await nurse.api.carePlans.updateActivity({ id: foot.id, expectedVersion: foot.version, ownerId: docId, dueDate: '2026-03-10' }));
    const diet = mine.items[1]!.activity;
    unwrap(await nurse.api.carePlans.updateActivity({ id: diet.id, expectedVersion: diet.version, status: 'completed' }));
    expect(unwrap(await nurse.api.carePlans.worklist({ mine: true })).items).toEqual([]);
    const docs = unwrap(await doc.api.carePlans.worklist({ mine: true })).items.map((i) => [i.activity.description, i.activity.overdue]);
    expect(docs).toEqual([
      ['Eye screening referral', true],
      ['Foot exam', false],
      ['HbA1c in three months', false],
    ]);
  });

});
