// `npm test`: every test there is — unit, integration (real encrypted SQLite, real argon2, the
// real bridge) and end-to-end in Debian's Chromium. Installs Chromium first when it is missing and
// we may (root on Debian); otherwise says how.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.AIPC_CHROMIUM || '/usr/bin/chromium';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s chromium for the end-to-end tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env }) === 0 && run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0) return;
  }
  console.error(`Chromium not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install chromium) or set AIPC_CHROMIUM.`);
  process.exit(1);
}

ensureChromium();
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
mkdirSync('test-results', { recursive: true });
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
  ...process.argv.slice(2),
]);

// One plain closing line, whatever the reporter printed above.
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (report.numTotalTests === 0) process.exit(1);
} catch {
  console.log('\nno test report was written');
  process.exit(1);
}
process.exit(status);
