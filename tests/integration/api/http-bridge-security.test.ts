import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENTS_PATH, MAX_REQUEST_BYTES, RPC_PATH } from '../../../common/rpc/bridge-protocol';
import { startHttpBridge, type HttpBridge } from '../../../main/transports/http-bridge';
import { startTestWorkstation, type TestWorkstation } from '../../support/test-workstation';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const TOKEN = randomBytes(32).toString('base64url');
const INDEX_HTML = '<!doctype html><title>renderer index</title>';
const SECRET_TEXT = 'outside the renderer dir';

let tw: TestWorkstation;
let bridge: HttpBridge;
let rendererRoot: string;
const seenHeaders: IncomingHttpHeaders[] = [];

/** node:http with full control of the request line and headers; Host defaults to 127.0.0.1:PORT. */
function send(options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: string | Buffer }): Promise<RawResponse> {
  const headers: Record<string, string | number> = { ...options.headers };
  // A declared length unless the caller asked for chunked transfer.
  if (options.body !== undefined && !('transfer-encoding' in headers)) headers['content-length'] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: options.method ?? 'POST',
        path: options.path ?? RPC_PATH,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          seenHeaders.push(res.headers);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function rpc(body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
  });
}

function auditCount(): number {
  return (tw.workstation.database.raw.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
}

/** Opens a WebSocket to the events endpoint; resolves 'open' or the HTTP status it was refused with. */
function tryWebSocket(path: string, headers: Record<string, string> = {}): Promise<'open' | number | 'error'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}${path}`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.on('error', () => resolve('error'));
  });
}

const ping = { method: 'system.info', input: {}, session: null };

beforeAll(async () => {
  tw = await startTestWorkstation();
  const outer = mkdtempSync(join(tmpdir(), 'aipc-bridge-'));
  rendererRoot = join(outer, 'public', 'renderer');
  mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
  writeFileSync(join(rendererRoot, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererRoot, 'assets', 'app.js'), 'console.log("app")');
  // Files a traversal would reach: next to and above the renderer dir.
  writeFileSync(join(outer, 'public', 'secret.txt'), SECRET_TEXT);
  writeFileSync(join(outer, 'secret.txt'), SECRET_TEXT);
  mkdirSync(join(outer, 'public', 'renderer-evil'));
  writeFileSync(join(outer, 'public', 'renderer-evil', 'secret.txt'), SECRET_TEXT);
  bridge = await startHttpBridge({ dispatcher: tw.workstation.dispatcher, hub: tw.workstation.hub, token: TOKEN, port: 0, rendererDir: rendererRoot });
});

afterAll(async () => {
  await bridge?.close();
  await tw?.close();
  if (rendererRoot) rmSync(join(rendererRoot, '..', '..'), { recursive: true, force: true });
});

describe('the loopback bridge', () => {
  it('answers a well-formed call with the token', async () => {
    const response = await rpc(ping);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { runMode: 'test' } });
    // The bridge's own origin is allowed (the renderer served from it).
    expect((await rpc(ping, { origin: bridge.origin })).status).toBe(200);
    expect((await rpc(ping, { origin: `http://localhost:${bridge.port}`, host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('refuses a call without the token with 401, before the dispatcher (no audit event)', async () => {
    const before = auditCount();
    const missing = await send({ body: JSON.stringify(ping), headers: { 'content-type': 'application/json' } });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await rpc(ping, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` })).status).toBe(401);
    expect((await rpc(ping, { authorization: `Bearer ${TOKEN}${TOKEN}` })).status).toBe(401);
    expect((await rpc(ping, { authorization: TOKEN })).status).toBe(401);
    expect((await rpc(ping, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
    expect((await rpc(ping, { authorization: 'Bearer ' })).status).toBe(401);
    expect(auditCount()).toBe(before);
    // The check is real: the same request with the token is served and audited.
    expect((await rpc(ping)).status).toBe(200);
    expect(auditCount()).toBe(before + 1);
  });

  it('refuses a foreign Origin with 403 even with the token', async () => {
    const before = auditCount();
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${bridge.port + 1}`, `https://127.0.0.1:${bridge.port}`, `http://127.0.0.1:${bridge.port}.evil.example`]) {
      const response = await rpc(ping, { origin });
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.body), origin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(auditCount()).toBe(before);
  });

  it('refuses a Host other than the loopback address and port (DNS rebinding) with 403', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, '127.0.0.1', `127.0.0.1:${bridge.port + 1}`, `0.0.0.0:${bridge.port}`, `[::1]:${bridge.port}`]) {
      expect((await rpc(ping, { host })).status, host).toBe(403);
    }
    // Static files are behind the same check: a rebinding page cannot read the renderer either.
    expect((await send({ method: 'GET', path: '/', headers: { host: `evil.example:${bridge.port}` } })).status).toBe(403);
  });

  it('refuses a body over 1 MiB with 413 without dispatching it', async () => {
    const before = auditCount();
    const big = JSON.stringify({ ...ping, input: { padding: 'x'.repeat(MAX_REQUEST_BYTES) } });
    const declared = await rpc(JSON.parse(big));
    expect(declared.status).toBe(413);
    // Chunked, so the size is only known while reading.
    const chunked = await send({
      body: big,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' },
    });
    expect(chunked.status).toBe(413);
    expect(auditCount()).toBe(before);
    // Just under the limit is dispatched (and refused by the schema, not by the bridge).
    const under = JSON.stringify({ method: 'system.ping', input: { echo: 'x'.repeat(MAX_REQUEST_BYTES - 200) }, session: null });
    expect(Buffer.byteLength(under)).toBeLessThan(MAX_REQUEST_BYTES);
    expect((await send({ body: under, headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('answers a body that is not JSON, or not a JSON object, with 400 VALIDATION', async () => {
    for (const body of ['{"method":', 'not json', '', '\u0000']) {
      const response = await send({ body, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    for (const body of ['[]', '42', 'null', '"x"']) {
      expect((await send({ body, headers: { authorization: `Bearer ${TOKEN}` } })).status, body).toBe(400);
    }
  });

  it('answers other HTTP methods on the API with 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await send({ method, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status, method).toBe(405);
    }
    expect((await send({ method: 'POST', path: '/', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
  });

  it('answers a CORS preflight without any CORS grant', async () => {
    const response = await send({
      method: 'OPTIONS',
      headers: { origin: bridge.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the renderer but nothing outside its folder, however the path is spelled', async () => {
    const index = await send({ method: 'GET', path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX_HTML);
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await send({ method: 'GET', path: '/assets/app.js' })).body).toBe('console.log("app")');
    expect(existsSync(join(rendererRoot, '..', 'secret.txt'))).toBe(true);
    expect(readFileSync('/etc/passwd', 'utf8')).toContain('root');

    const attempts = [
      '/../../etc/passwd',
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/..%5c..%5csecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/%2e%2e%2frenderer-evil%2fsecret.txt',
      '/../renderer-evil/secret.txt',
      '//etc/passwd',
      '/%2Fetc%2Fpasswd',
      '/assets/%00../../secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
    ];
    for (const path of attempts) {
      const response = await send({ method: 'GET', path });
      expect(response.body, path).not.toContain(SECRET_TEXT);
      expect(response.body, path).not.toContain('root:');
      expect([200, 400, 404], path).toContain(response.status);
      // Whatever it answers is the SPA shell or an error, never another file.
      if (response.status === 200) expect(response.body, path).toBe(INDEX_HTML);
    }
  });

  it('never sends Access-Control-Allow-Origin', () => {
    expect(seenHeaders.length).toBeGreaterThan(20);
    for (const headers of seenHeaders) {
      expect(headers['access-control-allow-origin']).toBeUndefined();
      expect(headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('refuses event sockets without the token, with a wrong token, from a foreign Origin or Host', async () => {
    const before = tw.workstation.hub.subscriberCount;
    expect(await tryWebSocket(EVENTS_PATH)).toBe(401);
    expect(await tryWebSocket(`${EVENTS_PATH}?token=${encodeURIComponent(`${TOKEN}x`)}`)).toBe(401);
    expect(await tryWebSocket(`${EVENTS_PATH}?token=`)).toBe(401);
    const withToken = `${EVENTS_PATH}?token=${encodeURIComponent(TOKEN)}`;
    expect(await tryWebSocket(withToken, { origin: 'http://evil.example' })).toBe(403);
    expect(await tryWebSocket(withToken, { host: `evil.example:${bridge.port}` })).toBe(403);
    expect(await tryWebSocket(`/api/other?token=${encodeURIComponent(TOKEN)}`)).toBe(403);
    expect(tw.workstation.hub.subscriberCount).toBe(before);
    // The same socket with the token and the bridge's own origin is accepted.
    expect(await tryWebSocket(withToken, { origin: bridge.origin })).toBe('open');
  });

  it('listens on 127.0.0.1 only', async () => {
    const listening = listeningAddresses(bridge.port);
    if (listening) {
      expect(listening).toEqual(['127.0.0.1']);
    }
    // Whatever /proc says: the port does not answer on any other local address.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address.split('%')[0]!);
    for (const address of [...others, '::1']) {
      expect(await canConnect(address, bridge.port), address).toBe(false);
    }
    expect(await canConnect('127.0.0.1', bridge.port)).toBe(true);
  });
});

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Local addresses with a listening TCP socket on `port`, from /proc (Linux); null elsewhere. */
function listeningAddresses(port: number): string[] | null {
  if (!existsSync('/proc/net/tcp')) return null;
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A = LISTEN
      const [addrHex, portHex] = cols[1]!.split(':') as [string, string];
      if (parseInt(portHex, 16) !== port) continue;
      found.push(addrHex.length === 8 ? hexToIpv4(addrHex) : `ipv6:${addrHex}`);
    }
  }
  return found;
}

function hexToIpv4(hex: string): string {
  // /proc stores the address little-endian.
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}
