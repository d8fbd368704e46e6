import type { Readable } from 'node:stream';
import type { AuditSink } from '../../../../common/rpc/dispatcher';
import { AppError } from '../../../../common/rpc/errors';
import { PatientRepository } from '../../../../db/repositories/patient-repository';
import { describeProblem } from '../fhir-handlers';
import { BundleInvalidError, exportPatientBundle, importBundle, type FhirDeps } from '../fhir-records';

export const FHIR_USAGE = `Usage:
  npm run fhir -- export --patient MRN [--data-dir DIR] > bundle.json
  npm run fhir -- import [--match] [--data-dir DIR] < bundle.json

export   prints the patient's whole record as a FHIR R4 Bundle (JSON) on stdout
import   reads a Bundle from stdin; validates every resource first and imports nothing if any
         has a problem (one line per problem on stderr); without --match the patient is
         registered as new, with --match the record is added to the patient whose MRN or
         national id the bundle carries
--data-dir DIR   the workstation's data folder (default: AIPC_DATA_DIR or the OS application-data folder)

Exit status: 0 done; 1 failed (no such patient, store cannot be opened); 2 bad arguments or an
invalid bundle. Both commands are recorded in the audit log as the user "cli".`;

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface FhirCliArgs {
  command: 'export' | 'import' | 'help';
  mrn: string | null;
  match: boolean;
  dataDir: string | null;
}

export function parseFhirArgs(argv: readonly string[]): FhirCliArgs | { error: string } {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help', mrn: null, match: false, dataDir: null };
  if (command !== 'export' && command !== 'import') return { error: `Unknown command ${command}` };
  const args: FhirCliArgs = { command, mrn: null, match: false, dataDir: null };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--') || v.trim() === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      if (flag === '--patient' && command === 'export') args.mrn = value().trim();
      else if (flag === '--match' && command === 'import') args.match = true;
      else if (flag === '--data-dir') args.dataDir = value();
      else return { error: `Unknown option ${flag} for ${command}` };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  if (command === 'export' && !args.mrn) return { error: 'export needs --patient MRN' };
  return args;
}

export interface FhirCliIo {
  stdin: Readable;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const ACTOR = { userId: null, username: 'cli' } as const;
const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_BUNDLE_BYTES) throw new AppError('VALIDATION', `The bundle is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs one command against an opened store; never throws, returns the exit status. */
export async function runFhirCommand(args: FhirCliArgs, deps: FhirDeps & { audit: AuditSink }, io: FhirCliIo): Promise<number> {
  const audit = (action: string, patientId: string | null, outcome: 'ok' | 'invalid' | 'error', errorCode: string | null) =>
    deps.audit.record({ ...ACTOR, action, patientId, outcome, errorCode, transport: 'cli' });
  if (args.command === 'export') {
    const patient = await new PatientRepository(deps.db).findByMrn(args.mrn!);
    if (!patient) {
      io.stderr(`No patient with MRN ${args.mrn}\n`);
      await audit('fhir.exportPatient', null, 'error', 'NOT_FOUND');
      return EXIT.failed;
    }
    const result = await exportPatientBundle(deps, patient.id);
    io.stdout(`${result.json}\n`);
    io.stderr(`exported ${Object.entries(result.counts).map(([k, n]) => `${n} ${k}`).join(', ')}\n`);
    await audit('fhir.exportPatient', patient.id, 'ok', null);
    return EXIT.ok;
  }
  let text: string;
  try {
    text = await readAll(io.stdin);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT.usage;
  }
  try {
    const outcome = await importBundle(deps, text, args.match ? 'match' : 'new', ACTOR);
    io.stdout(`${JSON.stringify(outcome)}\n`);
    io.stderr(`imported into ${outcome.mrn}${outcome.matched ? ' (existing patient)' : ' (new patient)'}\n`);
    await audit('fhir.importBundle', outcome.patientId, 'ok', null);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BundleInvalidError) {
      for (const p of error.problems) io.stderr(`problem: ${describeProblem(p)}\n`);
      io.stderr(`${error.message}\n`);
      await audit('fhir.importBundle', null, 'invalid', 'VALIDATION');
      return EXIT.usage;
    }
    if (error instanceof AppError) {
      io.stderr(`${error.code}: ${error.message}\n`);
      await audit('fhir.importBundle', null, 'error', error.code);
      return error.code === 'VALIDATION' ? EXIT.usage : EXIT.failed;
    }
    throw error;
  }
}
