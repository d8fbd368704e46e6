import { timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PushEvent } from '../../common/contract';
import { EVENTS_PATH, MAX_REQUEST_BYTES, RPC_PATH, TOKEN_FRAGMENT_KEY } from '../../common/rpc/bridge-protocol';
import type { Dispatcher } from '../../common/rpc/dispatcher';
import type { ApiError } from '../../common/rpc/errors';
import type { EventHub } from './event-hub';

export interface HttpBridgeOptions {
  dispatcher: Dispatcher;
  hub: EventHub;
  /** Random per launch; every API request must present it. */
  token: string;
  /** 0 picks a free port. The bridge only ever listens on 127.0.0.1. */
  port?: number;
  /** Built renderer to serve (dist/renderer); omitted in API-only tests. */
  rendererDir?: string;
  onError?: (error: unknown) => void;
}

export interface HttpBridge {
  readonly port: number;
  readonly origin: string;
  /** What the headless launcher prints: the renderer URL with the token in the fragment. */
  readonly url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The same dispatcher as Electron IPC, served on 127.0.0.1 for headless mode and tests.
 * Defences: loopback only; Host must be the loopback address (DNS rebinding); a browser Origin
 * other than the bridge's own is refused; every API request carries the per-launch token; no CORS
 * headers are ever sent; request bodies are size-limited.
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const expectedToken = Buffer.from(options.token);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const tokenMatches = (presented: string | null | undefined): boolean => {
    if (!presented) return false;
    const candidate = Buffer.from(presented);
    return candidate.length === expectedToken.length && timingSafeEqual(candidate, expectedToken);
  };

  const originProblem = (req: IncomingMessage): string | null => {
    if (!allowedHosts().has(req.headers.host ?? '')) return 'Host not allowed';
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return 'Origin not allowed';
    return null;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      options.onError?.(error);
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'Bridge error' });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const problem = originProblem(req);
    if (problem) return sendError(res, 403, { code: 'FORBIDDEN', message: problem });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === RPC_PATH) return handleRpc(req, res);
    if (url.pathname.startsWith('/api/')) return sendError(res, 404, { code: 'UNKNOWN_METHOD', message: 'No such endpoint' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'VALIDATION', message: 'Method not allowed' });
    return serveStatic(url.pathname, res);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, { code: 'VALIDATION', message: 'Use POST' });
    const auth = req.headers.authorization ?? '';
    const presented = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
    if (!tokenMatches(presented)) {
      req.resume();
      return sendError(res, 401, { code: 'UNAUTHENTICATED', message: 'Missing or wrong bridge token' });
    }
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === 'too-large') {
      return sendError(res, 413, { code: 'VALIDATION', message: `Request larger than ${MAX_REQUEST_BYTES} bytes` });
    }
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, { code: 'VALIDATION', message: 'The request body is not valid JSON' });
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return sendError(res, 400, { code: 'VALIDATION', message: 'The request must be a JSON object' });
    }
    const { method, input, session } = request as Record<string, unknown>;
    const result = await options.dispatcher.dispatch(
      {
        method: typeof method === 'string' ? method : '',
        input,
        session: typeof session === 'string' ? session : null,
      },
      'bridge',
    );
    sendJson(res, 200, result);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    if (!options.rendererDir) return sendError(res, 404, { code: 'NOT_FOUND', message: 'No renderer here' });
    const root = resolve(options.rendererDir);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendError(res, 400, { code: 'VALIDATION', message: 'Bad path' });
    }
    const candidate = resolve(join(root, normalize(decoded)));
    if (candidate !== root && !candidate.startsWith(root + sep)) {
      return sendError(res, 404, { code: 'NOT_FOUND', message: 'Not found' });
    }
    let file = candidate;
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || !stat.isFile()) file = join(root, 'index.html'); // the SPA handles its own routes
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const refusal =
      originProblem(req) ??
      (url.pathname !== EVENTS_PATH ? 'No such endpoint' : !tokenMatches(url.searchParams.get('token')) ? 'Missing or wrong bridge token' : null);
    if (refusal) {
      socket.write(`HTTP/1.1 ${refusal.includes('token') ? '401 Unauthorized' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachEventSocket(ws));
  });

  function attachEventSocket(ws: WebSocket): void {
    let session: string | null = null;
    const unsubscribe = options.hub.subscribe(
      () => session,
      (event: PushEvent) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', name: event.name, payload: event.payload }));
      },
    );
    ws.on('message', (data) => {
      try {
        const message = JSON.parse(String(data)) as { type?: unknown; session?: unknown };
        if (message.type === 'session') session = typeof message.session === 'string' ? message.session : null;
      } catch {
        // Ignore garbage; the socket stays usable.
      }
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(options.token)}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ApiError): void {
  sendJson(res, status, { ok: false, error });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolveBody('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
