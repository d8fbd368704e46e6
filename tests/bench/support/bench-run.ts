import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What every benchmark shares: a scratch directory, the `--quick` flag, and the result lines that
 * scripts/bench.mjs gathers into its summary table (AIPC_BENCH_RESULTS names a JSON-lines file).
 */
export interface BenchResult {
  metric: string;
  value: number;
  unit: 'ms' | 'x' | 'MB' | 'MB/s' | '/s';
  /** "≤ 1.3" or "< 0.2 ms"; absent for figures that have no target. */
  target?: string;
  pass?: boolean;
}

export interface BenchRun {
  readonly name: string;
  /** `npm run bench -- --quick`: a smaller workload to check the benchmark works, not to quote. */
  readonly quick: boolean;
  readonly dir: string;
  record(result: BenchResult): void;
}

export function runBenchmark(name: string, body: (run: BenchRun) => Promise<void>): void {
  const dir = mkdtempSync(join(tmpdir(), `aipc-bench-${name}-`));
  const resultsFile = process.env.AIPC_BENCH_RESULTS;
  const run: BenchRun = {
    name,
    quick: process.argv.includes('--quick'),
    dir,
    record(result) {
      if (resultsFile) appendFileSync(resultsFile, `${JSON.stringify({ bench: name, ...result })}\n`);
    },
  };
  body(run)
    .catch((error: unknown) => {
      console.error(`${name}: benchmark crashed:`, error);
      process.exitCode = 1;
    })
    .finally(() => rmSync(dir, { recursive: true, force: true }));
}

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

export function fmt(value: number, digits = 3): string {
  return value.toFixed(digits);
}

export function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}
