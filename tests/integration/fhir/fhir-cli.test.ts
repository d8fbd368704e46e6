import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin, startTestWorkstation, unwrap } from '../../support/test-workstation';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as IT runs it (through tsx here; `npm run fhir` picks the bundle when it is built). */
function fhir(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/app/fhir-cli.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, AIPC_DB_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A clinic in `dir` with one patient; returns the patient's MRN. */
async function clinicWithPatient(dir: string): Promise<string> {
  const tw = await startTestWorkstation({ dir });
  try {
    const admin = await setUpAdmin(tw);
    const patient = unwrap(await admin.api.patients.register({ givenName: 'Ragnhild', familyName: 'Økland', dateOfBirth: '1958-11-02', sex: 'female' }));
    return patient.mrn;
  } finally {
    await tw.close();
  }
}

describe('npm run fhir: export and import for IT', () => {
  const dirs: string[] = [];
  let source = '';
  let target = '';
  let mrn = '';
  let bundle = '';

  beforeAll(async () => {
    source = mkdtempSync(join(tmpdir(), 'aipc-fhir-src-'));
    target = mkdtempSync(join(tmpdir(), 'aipc-fhir-dst-'));
    dirs.push(source, target);
    mrn = await clinicWithPatient(source);
    const tw = await startTestWorkstation({ dir: target });
    await setUpAdmin(tw);
    await tw.close();
  });

  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('exports a patient as a FHIR Bundle on stdout and records it in the audit log', async () => {
    const run = await fhir(['export', '--patient', mrn, '--data-dir', source]);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as { resourceType: string; entry: { resource: { resourceType: string; name?: { family: string }[] } }[] };
    expect(parsed.resourceType).toBe('Bundle');
    const patient = parsed.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
    expect(patient.name?.[0]?.family).toBe('Økland');
    expect(run.stderr).toMatch(/exported .*Patient/);
    bundle = run.stdout;

    const tw = await startTestWorkstation({ dir: source });
    try {
      const rows = tw.workstation.database.raw.prepare(`SELECT username, action, outcome, transport FROM audit_events WHERE username = 'cli'`).all();
      expect(rows).toEqual([{ username: 'cli', action: 'fhir.exportPatient', outcome: 'ok', transport: 'cli' }]);
    } finally {
      await tw.close();
    }
  }, 60_000);

  it('imports the bundle into another workstation as a new patient', async () => {
    const run = await fhir(['import', '--data-dir', target], bundle);
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout) as { patientId: string; mrn: string; matched: boolean };
    expect(outcome.matched).toBe(false);
    expect(run.stderr).toContain('(new patient)');
  }, 60_000);

  it('refuses an invalid bundle with one line per problem and imports nothing (exit 2)', async () => {
    const broken = bundle.replace('"birthDate": "1958-11-02"', '"birthDate": "1958-13-45"');
    expect(broken).not.toBe(bundle);
    const run = await fhir(['import', '--data-dir', target], broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^problem: /m);
    expect(run.stderr).toMatch(/nothing was imported/);
    const tw = await startTestWorkstation({ dir: target });
    try {
      expect((tw.workstation.database.raw.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBe(1);
    } finally {
      await tw.close();
    }
  }, 60_000);

  it('answers an unknown MRN with exit 1 and bad arguments with exit 2 and the usage', async () => {
    const unknown = await fhir(['export', '--patient', 'NO-SUCH-MRN', '--data-dir', source]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No patient with MRN NO-SUCH-MRN');
    const bad = await fhir(['export', '--data-dir', source]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage:');
    const typo = await fhir(['inport']);
    expect(typo.code).toBe(2);
  }, 60_000);
});
