import { Agent, request } from 'node:http';

/**
 * The part of `fetch` the bridge client transport uses, on node:http with one kept-alive socket.
 * Diagnostic: Node's own fetch (undici) costs far more per call than the bridge behind it, and
 * the bridge's real client is the renderer's browser fetch, not undici. Swapping the client shows
 * how much of the round trip is the server.
 */
export function createNodeHttpFetch(): { fetch: typeof fetch; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const nodeHttpFetch = (url: string | URL | Request, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const target = new URL(String(url));
      const body = typeof init?.body === 'string' ? init.body : '';
      const headers = { ...(init?.headers as Record<string, string>), 'content-length': String(Buffer.byteLength(body)) };
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: init?.method ?? 'GET', agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(text) } as Response);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { fetch: nodeHttpFetch as typeof fetch, close: () => agent.destroy() };
}
