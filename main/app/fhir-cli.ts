// `npm run fhir -- export|import`: FHIR R4 export and import for IT, on the workstation's own store.
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { createHeadlessKeyStore } from '../adapters/headless-key-store';
import { createAuditSink } from '../services/audit/audit-handlers';
import { EXIT, FHIR_USAGE, parseFhirArgs, runFhirCommand } from '../services/fhir/cli/run-fhir-cli';
import { composeWorkstation } from './compose';
import { createConsoleLogger } from './logger';
import { defaultDataDir } from './run-options';
import { APP_VERSION } from './version';

async function main(): Promise<number> {
  const args = parseFhirArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n${FHIR_USAGE}\n`);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    process.stdout.write(`${FHIR_USAGE}\n`);
    return EXIT.ok;
  }
  const dataDir = args.dataDir ?? (process.env.AIPC_DATA_DIR || defaultDataDir());
  // No devices are opened: the CLI may run beside the app, which owns the ports.
  const workstation = await composeWorkstation({
    dataDir,
    keyStore: createHeadlessKeyStore(dataDir),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'headless',
    version: APP_VERSION,
    logger: createConsoleLogger(),
  });
  try {
    const { db } = workstation.database;
    return await runFhirCommand(
      args,
      { db, clock: workstation.clock, ids: workstation.ids, audit: createAuditSink(db, workstation.clock, workstation.ids) },
      { stdin: process.stdin, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
    );
  } finally {
    await workstation.close();
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  });
