// What the dispatcher adds to a call (session lookup, authorization, input and output validation,
// the audit row) and what the loopback bridge adds on top, measured with `system.ping` on a real
// workstation: encrypted store in a temp dir, the system clock, an administrator signed in.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { systemContract } from '../../common/contract/system.contract';
import type { AuditRecord } from '../../common/domain/audit';
import { createBridgeClientTransport, type WebSocketLike } from '../../common/rpc/bridge-client-transport';
import { createDispatcher, type AuditSink, type Dispatcher, type HandlerContext } from '../../common/rpc/dispatcher';
import type { RpcTransport } from '../../common/rpc/transport';
import { openDatabase } from '../../db/open-database';
import { createKeyFileStore } from '../../main/adapters/headless-key-store';
import { APP_NAME, composeWorkstation, type Workstation } from '../../main/app/compose';
import { silentLogger } from '../../main/app/logger';
import { systemClock } from '../../main/ports/clock';
import { cryptoIdGenerator } from '../../main/ports/id-generator';
import { createAuditSink } from '../../main/services/audit/audit-handlers';
import { createSystemHandlers } from '../../main/services/system/system-handlers';
import { startHttpBridge, type HttpBridge } from '../../main/transports/http-bridge';
import { argon2PasswordHasher } from '../../native/argon2-password-hasher';
import { SqliteCipherDriver } from '../../native/sqlite-cipher';
import { ADMIN } from '../support/test-workstation';
import { fmt, peakRssMb, runBenchmark, verdict, type BenchRun } from './support/bench-run';
import { watchGcPauses } from './support/gc-pauses';
import { createNodeHttpFetch } from './support/node-http-fetch';
import { summarize, type SampleStats } from './support/sample-stats';

const TARGET_IN_PROCESS_OVERHEAD_P99_MS = 0.2;
const TARGET_BRIDGE_P99_MS = 2;
const VERSION = '0.0.0-bench';
const PING = { method: 'system.ping', input: { echo: 'bench' } } as const;

/** One way of making the call; `call` resolves when the answer is in hand. */
interface Variant {
  name: string;
  call: () => Promise<unknown>;
  /** Unrecorded calls first, then recorded ones. */
  warmUp: number;
  measured: number;
  samples: number[];
}

function variant(name: string, counts: { warmUp: number; measured: number }, call: () => Promise<unknown>): Variant {
  return { name, call, ...counts, samples: [] };
}

/**
 * Warms every variant up, then runs them in turn in `blocks` slices each until every variant has
 * its samples. Interleaving spreads drift (other load on the machine, WAL growth, GC) evenly.
 */
async function measure(variants: Variant[], blocks: number): Promise<void> {
  for (const v of variants) {
    for (let i = 0; i < v.warmUp; i++) await v.call();
  }
  const gc = await watchGcPauses();
  for (let block = 0; block < blocks; block++) {
    for (const v of variants) {
      const until = Math.round((v.measured * (block + 1)) / blocks);
      while (v.samples.length < until) {
        const start = process.hrtime.bigint();
        await v.call();
        v.samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
  }
  const pauses = await gc.stop();
  const calls = variants.reduce((sum, v) => sum + v.samples.length, 0);
  console.log(
    `  GC during the ${calls.toLocaleString('en')} measured calls: ${pauses.count} pauses, ` +
      `${fmt(pauses.totalMs, 0)} ms in all, longest ${fmt(pauses.longestMs, 1)} ms`,
  );
}

function printStats(rows: { label: string; stats: SampleStats }[]): void {
  console.log('  variant                                             p50 ms    p99 ms   mean ms    max ms');
  for (const { label, stats } of rows) {
    console.log(
      `  ${label.padEnd(48)}  ${fmt(stats.p50).padStart(8)}  ${fmt(stats.p99).padStart(8)}  ${fmt(stats.mean).padStart(8)}  ${fmt(stats.max).padStart(8)}`,
    );
  }
}

async function expectOk(result: Promise<unknown>, what: string): Promise<void> {
  const answer = (await result) as { ok: boolean; error?: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${what}: ${answer.error?.code} ${answer.error?.message}`);
}

async function startWorkstation(run: BenchRun): Promise<{ workstation: Workstation; session: string }> {
  const workstation = await composeWorkstation({
    dataDir: join(run.dir, 'workstation'),
    keyStore: createKeyFileStore(join(run.dir, 'db.key')),
    sqlite: SqliteCipherDriver,
    hasher: argon2PasswordHasher,
    runMode: 'test',
    version: VERSION,
    logger: silentLogger,
  });
  const setup = await workstation.dispatcher.dispatch(
    { method: 'auth.setupFirstAdmin', input: { organizationName: 'Riverside Clinic', ...ADMIN }, session: null },
    'in-process',
  );
  if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
  return { workstation, session: (setup.value as { sessionToken: string }).sessionToken };
}

/** The same dispatcher code over the ping handler, with an audit sink that writes nothing. */
function dispatcherWithoutAudit(workstation: Workstation): Dispatcher {
  const handlers = createSystemHandlers({ clock: systemClock, appName: APP_NAME, version: VERSION, runMode: 'test' });
  return createDispatcher(systemContract, handlers, { sessions: workstation.sessions, audit: { record: () => undefined } });
}

function bridgeClient(bridge: HttpBridge, token: string, httpClient?: typeof fetch): RpcTransport {
  return createBridgeClientTransport({
    baseUrl: bridge.origin,
    token,
    // Without httpClient: Node's fetch (undici), which keeps the connection alive between calls.
    fetch: httpClient,
    webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
}

const AUDIT_RECORD: AuditRecord = {
  userId: null,
  username: 'admin',
  action: 'system.ping',
  patientId: null,
  outcome: 'ok',
  errorCode: null,
  transport: 'in-process',
};

/**
 * The audit write alone, on the workstation's own encrypted store (synchronous = FULL) and on a
 * second store opened the same way then switched to synchronous = NORMAL (no fsync per commit in
 * WAL mode): how much of the overhead is the fsync. Diagnostic only; production is unchanged.
 */
function openDiagnosticAuditSinks(run: BenchRun, workstation: Workstation): { full: AuditSink; normal: AuditSink; close(): Promise<void> } {
  const normalStore = openDatabase({ file: join(run.dir, 'audit-normal.db'), key: randomBytes(32), driver: SqliteCipherDriver });
  normalStore.raw.pragma('synchronous = NORMAL');
  return {
    full: createAuditSink(workstation.database.db, systemClock, cryptoIdGenerator),
    normal: createAuditSink(normalStore.db, systemClock, cryptoIdGenerator),
    close: () => normalStore.close(),
  };
}

async function inProcess(run: BenchRun, workstation: Workstation, session: string): Promise<SampleStats> {
  const handlers = createSystemHandlers({ clock: systemClock, appName: APP_NAME, version: VERSION, runMode: 'test' });
  const ctx: HandlerContext = { session: null, transport: 'in-process', auditUser: () => undefined, auditPatient: () => undefined };
  const withoutAudit = dispatcherWithoutAudit(workstation);
  const request = { ...PING, session };
  const audit = openDiagnosticAuditSinks(run, workstation);
  await expectOk(workstation.dispatcher.dispatch(request, 'in-process'), 'system.ping in-process');
  // The two figures the target compares get 20,000 calls each; the diagnostics 5,500.
  const main = run.quick ? { warmUp: 200, measured: 1_800 } : { warmUp: 2_000, measured: 18_000 };
  const diag = run.quick ? { warmUp: 100, measured: 500 } : { warmUp: 500, measured: 5_000 };
  const handler = variant('handler alone (baseline)', main, async () => handlers['system.ping'](PING.input, ctx));
  const dispatch = variant('dispatcher.dispatch (target)', main, () => workstation.dispatcher.dispatch(request, 'in-process'));
  const noAudit = variant('dispatch, audit sink writing nothing (diag.)', diag, () => withoutAudit.dispatch(request, 'in-process'));
  const sinkFull = variant('audit row alone, synchronous=FULL (diag.)', diag, async () => audit.full.record(AUDIT_RECORD));
  const sinkNormal = variant('audit row alone, synchronous=NORMAL (diag.)', diag, async () => audit.normal.record(AUDIT_RECORD));

  console.log(
    `\nin-process: ${main.warmUp + main.measured} calls (${main.warmUp} warm-up) for the handler and for dispatch, ` +
      `${diag.warmUp + diag.measured} (${diag.warmUp}) for each diagnostic, interleaved in 20 blocks`,
  );
  await measure([handler, dispatch, noAudit, sinkFull, sinkNormal], 20);
  await audit.close();

  const stats = Object.fromEntries([handler, dispatch, noAudit, sinkFull, sinkNormal].map((v) => [v.name, summarize(v.samples)]));
  printStats(Object.entries(stats).map(([label, s]) => ({ label, stats: s })));

  const base = stats[handler.name]!;
  const full = stats[dispatch.name]!;
  const bare = stats[noAudit.name]!;
  const overhead = { p50: full.p50 - base.p50, p99: full.p99 - base.p99, mean: full.mean - base.mean };
  const pass = overhead.p99 < TARGET_IN_PROCESS_OVERHEAD_P99_MS;
  console.log(
    `  overhead = dispatch − handler: p50 ${fmt(overhead.p50)} ms, p99 ${fmt(overhead.p99)} ms, mean ${fmt(overhead.mean)} ms; ` +
      `target p99 < ${TARGET_IN_PROCESS_OVERHEAD_P99_MS} ms: ${verdict(pass)}`,
  );
  console.log(
    `  without the audit write: p50 ${fmt(bare.p50 - base.p50)} ms, p99 ${fmt(bare.p99 - base.p99)} ms ` +
      `(validation, session, authorization, output check)`,
  );
  run.record({ metric: 'in-process overhead p50', value: overhead.p50, unit: 'ms' });
  run.record({ metric: 'in-process overhead p99', value: overhead.p99, unit: 'ms', target: `< ${TARGET_IN_PROCESS_OVERHEAD_P99_MS} ms`, pass });
  run.record({ metric: 'in-process overhead p99, no audit write (diag.)', value: bare.p99 - base.p99, unit: 'ms' });
  run.record({ metric: 'audit row alone p99, sync FULL (diag.)', value: stats[sinkFull.name]!.p99, unit: 'ms' });
  run.record({ metric: 'audit row alone p99, sync NORMAL (diag.)', value: stats[sinkNormal.name]!.p99, unit: 'ms' });
  return full;
}

async function overBridge(run: BenchRun, workstation: Workstation, session: string, inProcessDispatch: SampleStats): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const real = await startHttpBridge({ dispatcher: workstation.dispatcher, hub: workstation.hub, token });
  const bare = await startHttpBridge({ dispatcher: dispatcherWithoutAudit(workstation), hub: workstation.hub, token });
  const nodeHttp = createNodeHttpFetch();
  try {
    const request = { ...PING, session };
    const realClient = bridgeClient(real, token);
    const realNodeHttp = bridgeClient(real, token, nodeHttp.fetch);
    const bareNodeHttp = bridgeClient(bare, token, nodeHttp.fetch);
    await expectOk(realClient.call(request), 'system.ping over the bridge');
    await expectOk(realNodeHttp.call(request), 'system.ping over the bridge with node:http');
    const main = run.quick ? { warmUp: 100, measured: 500 } : { warmUp: 500, measured: 5_000 };
    const diag = run.quick ? { warmUp: 50, measured: 300 } : { warmUp: 200, measured: 2_000 };
    const roundTrip = variant('bridge round trip, Node fetch (target)', main, () => realClient.call(request));
    const viaNodeHttp = variant('bridge, node:http client (diag.)', diag, () => realNodeHttp.call(request));
    const noAudit = variant('bridge, node:http, no audit write (diag.)', diag, () => bareNodeHttp.call(request));
    const all = [roundTrip, viaNodeHttp, noAudit];

    console.log(
      `\nbridge (HTTP on 127.0.0.1, keep-alive, client and server in this process): ` +
        `${main.warmUp + main.measured} calls (${main.warmUp} warm-up) for the target, ${diag.warmUp + diag.measured} for each diagnostic, 10 blocks`,
    );
    await measure(all, 10);

    const stats = all.map((v) => summarize(v.samples));
    printStats(all.map((v, i) => ({ label: v.name, stats: stats[i]! })));
    const [full, nodeHttpStats, bareStats] = stats as [SampleStats, SampleStats, SampleStats];
    const pass = full.p99 < TARGET_BRIDGE_P99_MS;
    console.log(`  bridge round trip p99 ${fmt(full.p99)} ms, target < ${TARGET_BRIDGE_P99_MS} ms: ${verdict(pass)}`);
    console.log(
      `  bridge − in-process dispatch: p50 ${fmt(full.p50 - inProcessDispatch.p50)} ms, p99 ${fmt(full.p99 - inProcessDispatch.p99)} ms ` +
        `(HTTP, JSON, token check, Node fetch)`,
    );
    run.record({ metric: 'bridge round trip p50', value: full.p50, unit: 'ms' });
    run.record({ metric: 'bridge round trip p99', value: full.p99, unit: 'ms', target: `< ${TARGET_BRIDGE_P99_MS} ms`, pass });
    run.record({ metric: 'bridge p99, node:http client (diag.)', value: nodeHttpStats.p99, unit: 'ms' });
    run.record({ metric: 'bridge p99, node:http, no audit (diag.)', value: bareStats.p99, unit: 'ms' });
  } finally {
    nodeHttp.close();
    await real.close();
    await bare.close();
  }
}

runBenchmark('dispatcher', async (run) => {
  console.log('dispatcher: system.ping as a signed-in administrator, encrypted store, system clock');
  const { workstation, session } = await startWorkstation(run);
  try {
    const inProcessDispatch = await inProcess(run, workstation, session);
    await overBridge(run, workstation, session, inProcessDispatch);
  } finally {
    await workstation.close();
  }
  const rss = peakRssMb();
  console.log(`\npeak RSS: ${fmt(rss, 0)} MB`);
  run.record({ metric: 'peak RSS', value: rss, unit: 'MB' });
});
