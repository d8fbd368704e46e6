import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicalNote } from '../../../common/domain/clinical-notes';
import { startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { checkedInEncounter, setUpClinicalClinic, type ClinicalClinic } from './clinical-fixtures';

const SOAP = { subjective: 'Dry cough for 3 days', objective: 'Chest clear, T 37.0', assessment: 'Viral bronchitis', plan: 'Fluids, review in a week' };

describe('clinical notes: draft, sign by the author, amend (never edit) once signed', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;
  let encounterId: string;

  const raw = () => tw.workstation.database.raw;
  const draft = async (): Promise<ClinicalNote> => unwrap(await c.doctor.api.notes.saveDraft({ encounterId, ...SOAP }));

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpClinicalClinic(tw);
    ({ encounterId } = await checkedInEncounter(tw, c, c.patients.emilie, '09:20'));
  });
  afterAll(async () => {
    await tw?.close();
  });

  it('drafts, saves at the expected version and signs a note, naming the patient in the audit log', async () => {
    const created = await draft();
    expect(created).toMatchObject({ ...SOAP, status: 'draft', kind: 'soap', version: 1, authorId: c.doctorId, authorName: 'Dr maria.doc', patientId: c.patients.emilie, signedAt: null });

    const saved = unwrap(await c.doctor.api.notes.saveDraft({ encounterId, noteId: created.id, expectedVersion: 1, ...SOAP, plan: 'Fluids, rest' }));
    expect(saved).toMatchObject({ plan: 'Fluids, rest', version: 2 });
    const stale = await c.doctor.api.notes.saveDraft({ encounterId, noteId: created.id, expectedVersion: 1, ...SOAP });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'expectedVersion' } });

    const signed = unwrap(await c.doctor.api.notes.sign({ noteId: created.id, expectedVersion: 2 }));
    expect(signed).toMatchObject({ status: 'signed', signedBy: c.doctorId, signedAt: tw.clock.now().toISOString(), version: 3 });

    const audit = raw().prepare("SELECT action, patient_id, outcome FROM audit_events WHERE action LIKE 'notes.%' ORDER BY seq").all();
    expect(audit).toContainEqual({ action: 'notes.sign', patient_id: c.patients.emilie, outcome: 'ok' });
    expect(audit).toContainEqual({ action: 'notes.saveDraft', patient_id: c.patients.emilie, outcome: 'ok' });
  });

  it('lets a nurse draft but not sign (FORBIDDEN), and only the author edits or signs a draft', async () => {
    const nurseDraft = unwrap(await c.nurse.api.notes.saveDraft({ encounterId, subjective: 'Feels feverish' }));
    expect(nurseDraft).toMatchObject({ status: 'draft', subjective: 'Feels feverish', objective: '' });
    expect(await c.nurse.api.notes.sign({ noteId: nurseDraft.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const note = await draft();
    expect(await c.otherDoctor.api.notes.sign({ noteId: note.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'noteId' } });
    expect(await c.otherDoctor.api.notes.saveDraft({ encounterId, noteId: note.id, expectedVersion: 1, ...SOAP, plan: 'Mine now' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', field: 'noteId' },
    });
    expect(await c.nurse.api.notes.saveDraft({ encounterId, noteId: note.id, expectedVersion: 1, ...SOAP })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((raw().prepare('SELECT status, plan FROM clinical_notes WHERE id = ?').get(note.id))).toEqual({ status: 'draft', plan: SOAP.plan });
  });

  it('refuses to sign an empty note', async () => {
    const empty = unwrap(await c.doctor.api.notes.saveDraft({ encounterId }));
    expect(await c.doctor.api.notes.sign({ noteId: empty.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('never edits a signed note: the API answers CONFLICT and the database refuses a raw UPDATE', async () => {
    const note = await draft();
    unwrap(await c.doctor.api.notes.sign({ noteId: note.id, expectedVersion: 1 }));
    const edit = await c.doctor.api.notes.saveDraft({ encounterId, noteId: note.id, expectedVersion: 2, ...SOAP, plan: 'Quietly changed' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'noteId' } });
    expect(await c.doctor.api.notes.sign({ noteId: note.id, expectedVersion: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(() => raw().prepare(`UPDATE clinical_notes SET plan = 'Quietly changed' WHERE id = ?`).run(note.id)).toThrow(/never changed in place/);
    expect((raw().prepare('SELECT plan FROM clinical_notes WHERE id = ?').get(note.id) as { plan: string }).plan).toBe(SOAP.plan);
  });

  it('amends a signed note with a reason; signing the amendment marks the original amended and lists the chain', async () => {
    const original = await draft();
    unwrap(await c.doctor.api.notes.sign({ noteId: original.id, expectedVersion: 1 }));
    expect(await c.doctor.api.notes.amend({ noteId: original.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });

    const amendment = unwrap(await c.doctor.api.notes.amend({ noteId: original.id, reason: 'Wrong plan recorded' }));
    expect(amendment).toMatchObject({ ...SOAP, status: 'draft', amendsNoteId: original.id, amendmentReason: 'Wrong plan recorded', authorId: c.doctorId });
    const edited = unwrap(await c.doctor.api.notes.saveDraft({ encounterId, noteId: amendment.id, expectedVersion: 1, ...SOAP, plan: 'Amoxicillin 500 mg' }));
    // The original stays signed, and in force, until the amendment is signed.
    expect((raw().prepare('SELECT status FROM clinical_notes WHERE id = ?').get(original.id) as { status: string }).status).toBe('signed');
    unwrap(await c.doctor.api.notes.sign({ noteId: amendment.id, expectedVersion: edited.version }));

    const notes = unwrap(await c.nurse.api.notes.list({ encounterId }));
    const byId = new Map(notes.map((n) => [n.id, n]));
    expect(byId.get(original.id)).toMatchObject({ status: 'amended', plan: SOAP.plan, amendedByNoteIds: [amendment.id] });
    expect(byId.get(amendment.id)).toMatchObject({ status: 'signed', plan: 'Amoxicillin 500 mg', amendsNoteId: original.id, amendedByNoteIds: [] });
    expect(notes.findIndex((n) => n.id === original.id)).toBeLessThan(notes.findIndex((n) => n.id === amendment.id));

    // Only the newest version is amended.
    expect(await c.doctor.api.notes.amend({ noteId: original.id, reason: 'Again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The same chain is listed per patient.
    const forPatient = unwrap(await c.doctor.api.notes.list({ patientId: c.patients.emilie }));
    expect(forPatient.map((n) => n.id)).toEqual(notes.map((n) => n.id));
  });

  it('a second amendment of the same note cannot be signed once the first was', async () => {
    const original = await draft();
    unwrap(await c.doctor.api.notes.sign({ noteId: original.id, expectedVersion: 1 }));
    const first = unwrap(await c.doctor.api.notes.amend({ noteId: original.id, reason: 'Typo' }));
    const second = unwrap(await c.otherDoctor.api.notes.amend({ noteId: original.id, reason: 'Dose' }));
    unwrap(await c.doctor.api.notes.sign({ noteId: first.id, expectedVersion: 1 }));
    expect(await c.otherDoctor.api.notes.sign({ noteId: second.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((raw().prepare('SELECT status FROM clinical_notes WHERE id = ?').get(second.id) as { status: string }).status).toBe('draft');
  });

  it('takes no new notes once the encounter is finished, but still takes amendments', async () => {
    const { encounterId: closing, appointmentId: closingAppt } = await checkedInEncounter(tw, c, c.patients.jonas, '10:00');
    const note = unwrap(await c.doctor.api.notes.saveDraft({ encounterId: closing, ...SOAP }));
    unwrap(await c.doctor.api.notes.sign({ noteId: note.id, expectedVersion: 1 }));
    unwrap(await c.desk.api.queue.moveToRoom({ appointmentId: closingAppt, locationId: c.rooms.one }));
    unwrap(await c.desk.api.queue.complete({ appointmentId: closingAppt }));

    expect(await c.doctor.api.notes.saveDraft({ encounterId: closing, ...SOAP })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const amendment = unwrap(await c.doctor.api.notes.amend({ noteId: note.id, reason: 'Lab result came back' }));
    unwrap(await c.doctor.api.notes.sign({ noteId: amendment.id, expectedVersion: 1 }));
  });

  it('answers NOT_FOUND for an unknown encounter or note, and FORBIDDEN to the front desk', async () => {
    const unknown = '4b000000-0000-4000-8000-00000000beef';
    expect(await c.doctor.api.notes.list({ encounterId: unknown })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'encounterId' } });
    expect(await c.doctor.api.notes.sign({ noteId: unknown, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'noteId' } });
    expect(await c.desk.api.notes.list({ encounterId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.admin.api.notes.list({ encounterId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.doctor.api.notes.list({})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('chief complaint and symptoms', () => {
  let tw: TestWorkstation;
  let c: ClinicalClinic;

  beforeAll(async () => {
    tw = await startTestWorkstation();
    c = await setUpClinicalClinic(tw);
  });
  afterAll(async () => {
    await tw?.close();
  });

  it('records the complaint and structured symptoms of an open encounter, and clears them', async () => {
    const { encounterId } = await checkedInEncounter(tw, c, c.patients.emilie, '09:20');
    expect(unwrap(await c.nurse.api.encounters.complaint({ encounterId }))).toMatchObject({ chiefComplaint: null, symptoms: [] });
    const symptoms = [
      { name: 'Cough', onset: '2026-02-27', severity: 'moderate' as const, duration: '3 days' },
      { name: 'Fever', severity: 'mild' as const },
    ];
    const saved = unwrap(await c.nurse.api.encounters.saveComplaint({ encounterId, chiefComplaint: '  Cough and fever ', symptoms }));
    expect(saved).toMatchObject({ encounterId, chiefComplaint: 'Cough and fever', symptoms: [symptoms[0], { ...symptoms[1], onset: '', duration: '' }] });
    expect(unwrap(await c.doctor.api.encounters.complaint({ encounterId }))).toEqual(saved);

    const bad = await c.nurse.api.encounters.saveComplaint({ encounterId, chiefComplaint: 'x', symptoms: [{ name: 'Cough', severity: 'terrible' as 'mild' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'symptoms.0.severity' } });

    expect(unwrap(await c.nurse.api.encounters.saveComplaint({ encounterId, chiefComplaint: '' }))).toMatchObject({ chiefComplaint: null, symptoms: [] });
    expect(await c.desk.api.encounters.saveComplaint({ encounterId, chiefComplaint: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('moves notes, signed ones included, with their patient when two records are merged', async () => {
    const { encounterId } = await checkedInEncounter(tw, c, c.patients.jonas, '11:00');
    const note = unwrap(await c.doctor.api.notes.saveDraft({ encounterId, assessment: 'Tension headache' }));
    unwrap(await c.doctor.api.notes.sign({ noteId: note.id, expectedVersion: 1 }));
    const version = (id: string) => (tw.workstation.database.raw.prepare('SELECT version FROM patients WHERE id = ?').get(id) as { version: number }).version;
    unwrap(await c.admin.api.patients.merge({
      survivorId: c.patients.emilie,
      mergedId: c.patients.jonas,
      expectedVersions: { survivor: version(c.patients.emilie), merged: version(c.patients.jonas) },
    }));
    const moved = unwrap(await c.doctor.api.notes.list({ patientId: c.patients.emilie })).find((n) => n.id === note.id);
    expect(moved).toMatchObject({ patientId: c.patients.emilie, status: 'signed', assessment: 'Tension headache' });
  });

  it('refuses a complaint for a finished encounter', async () => {
    const { encounterId, appointmentId } = await checkedInEncounter(tw, c, c.patients.emilie, '10:00');
    unwrap(await c.desk.api.queue.moveToRoom({ appointmentId, locationId: c.rooms.one }));
    unwrap(await c.desk.api.queue.complete({ appointmentId }));
    expect(await c.nurse.api.encounters.saveComplaint({ encounterId, chiefComplaint: 'Late' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
