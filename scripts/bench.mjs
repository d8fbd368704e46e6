// `npm run bench [-- NAME...] [-- --quick] [-- --strict]`: runs each tests/bench/*.bench.ts in its
// own Node process (tsx, --expose-gc), one after another so they never compete for the 2 cores,
// then prints one summary table. NAME filters by file name (`npm run bench -- store`). --quick is
// handed to the benchmarks (smaller workloads, to check they work, not to quote). Exits non-zero
// when a benchmark crashes or nothing matched; --strict also fails on a missed target.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'tests', 'bench');
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const filters = args.filter((a) => !a.startsWith('-'));
const forwarded = args.filter((a) => a.startsWith('-') && a !== '--strict');

const nameOf = (file) => basename(file, '.bench.ts');
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((needle) => nameOf(f).includes(needle)));
if (files.length === 0) {
  console.error(`No benchmark in tests/bench matches ${filters.join(', ') || '*.bench.ts'}`);
  process.exit(1);
}

function cpuModel() {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model ?? 'unknown CPU';
  }
}
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(
  `${new Date().toISOString()} | ${os.availableParallelism()} cores, ${cpuModel()} | ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB | Node ${process.version} | ${os.type()} ${os.release()}`,
);

const resultsDir = mkdtempSync(join(os.tmpdir(), 'aipc-bench-results-'));
const runs = [];
try {
  for (const file of files) {
    const resultsFile = join(resultsDir, `${nameOf(file)}.jsonl`);
    const loadBefore = load();
    console.log(`\n=== ${nameOf(file)} (load average ${loadBefore}) ===`);
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, file), ...forwarded], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, AIPC_BENCH_RESULTS: resultsFile },
    });
    const seconds = (Date.now() - started) / 1000;
    const crashed = child.status !== 0;
    if (crashed) {
      console.error(`${nameOf(file)} crashed: ${child.error?.message ?? (child.signal ? `signal ${child.signal}` : `exit code ${child.status}`)}`);
    }
    let results = [];
    try {
      results = readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    } catch {
      // A benchmark that crashed early wrote nothing.
    }
    runs.push({ name: nameOf(file), crashed, seconds, loadBefore, loadAfter: load(), results });
  }
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

const rows = [['benchmark', 'metric', 'value', 'target', 'result']];
for (const run of runs) {
  for (const r of run.results) {
    const digits = r.unit === 'ms' ? (r.value < 100 ? 3 : 0) : r.unit === 'x' ? 2 : r.unit === 'MB/s' ? 1 : 0;
    const value = `${r.value.toFixed(digits)}${r.unit === 'x' ? '×' : r.unit === '/s' ? '/s' : ` ${r.unit}`}`;
    rows.push([run.name, r.metric, value, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL']);
  }
  if (run.crashed) rows.push([run.name, '(crashed)', '', '', 'CRASH']);
}
const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
const line = (row) => row.map((cell, col) => (col === 2 ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd();
console.log('\nSummary');
console.log(line(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows.slice(1)) console.log(line(row));
console.log('');
for (const run of runs) {
  console.log(`${run.name}: ${run.crashed ? 'CRASHED' : 'ok'} in ${run.seconds.toFixed(0)} s, load average before ${run.loadBefore}, after ${run.loadAfter}`);
}
if (forwarded.includes('--quick')) console.log('--quick: reduced workloads; do not quote these numbers.');

const crashed = runs.some((r) => r.crashed);
const missed = runs.some((r) => r.results.some((x) => x.pass === false));
if (missed && !strict) console.log('Some targets were missed (see FAIL above); --strict makes that exit non-zero.');
process.exit(crashed || (strict && missed) ? 1 : 0);
