import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOCAT = '/usr/bin/socat';
const START_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 2_000;

/**
 * A virtual null-modem cable: two pseudo-terminals joined by socat. Whatever is written to one end
 * comes out of the other, through the real tty layer, so the real serialport library can open
 * either end.
 */
export interface SocatPair {
  /** Where the simulated instrument sits. */
  readonly deviceSide: string;
  /** What the workstation opens, like /dev/ttyUSB0. */
  readonly hostSide: string;
  /** Kills socat: both ptys vanish, as when the USB-serial adapter is pulled out. */
  stop(): Promise<void>;
  /** Starts socat again on the same link paths, as when the adapter is plugged back in. */
  restart(): Promise<void>;
}

const running = new Set<RunningSocatPair>();

export function isSocatAvailable(): boolean {
  return existsSync(SOCAT);
}

/** Starts socat with both ends linked in a fresh temporary directory; resolves once both exist. */
export async function startSocatPair(): Promise<SocatPair> {
  const pair = new RunningSocatPair(mkdtempSync(join(tmpdir(), 'aipc-socat-')));
  running.add(pair);
  await pair.restart();
  return pair;
}

/** For afterEach: kills every socat this test file started and deletes their directories. */
export async function stopSocatPairs(): Promise<void> {
  const pairs = [...running];
  running.clear();
  await Promise.all(pairs.map((pair) => pair.remove()));
}

class RunningSocatPair implements SocatPair {
  readonly deviceSide: string;
  readonly hostSide: string;
  private child: ChildProcess | null = null;

  constructor(private readonly dir: string) {
    this.deviceSide = join(dir, 'dev-a');
    this.hostSide = join(dir, 'dev-b');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child) await kill(child);
    // socat removes its links on SIGTERM, but not when it had to be killed.
    rmSync(this.deviceSide, { force: true });
    rmSync(this.hostSide, { force: true });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.child = await spawnSocat(this.deviceSide, this.hostSide);
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function spawnSocat(deviceSide: string, hostSide: string): Promise<ChildProcess> {
  // Links left by an earlier, killed socat would make the wait below succeed too early.
  rmSync(deviceSide, { force: true });
  rmSync(hostSide, { force: true });
  const child = spawn(
    SOCAT,
    ['-d', '-d', `pty,raw,echo=0,link=${deviceSide}`, `pty,raw,echo=0,link=${hostSide}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`socat did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onExit = (code: number | null) => fail(`socat exited early (code ${code})`);
    const onError = (error: Error) => fail(`cannot run socat: ${error.message}`);
    function done(): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      child.stderr?.removeAllListeners('data');
      child.stderr?.resume();
    }
    function fail(message: string): void {
      done();
      child.kill('SIGKILL');
      reject(new Error(`${message}\n${log}`));
    }
    child.once('exit', onExit);
    child.once('error', onError);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      log += text;
      // socat logs this after both ptys and their links exist.
      if (log.includes('starting data transfer loop') && existsSync(deviceSide) && existsSync(hostSide)) {
        done();
        resolve(child);
      }
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// A test that crashed between start and afterEach must not leave socat running.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
