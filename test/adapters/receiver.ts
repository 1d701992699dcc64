/**
 * A local HTTP receiver on 127.0.0.1 for delivery tests: it answers each request as `behave`
 * says (a status, a Retry-After, a hang past the client's timeout, a closed socket) and counts
 * what it accepted per Idempotency-Key, the way a real webhook consumer would deduplicate.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | { readonly kind: 'ok'; readonly status?: number; readonly delayMs?: number }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly body?: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'close' };

export interface ReceivedRequest {
  readonly key: string | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly answer: Behaviour['kind'];
}

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Accepted (2xx) deliveries per idempotency key. */
  readonly accepted: Map<string, number>;
  /** Requests in flight per idempotency key, and the most ever seen at once for any key. */
  readonly maxConcurrentPerKey: () => number;
  close(): Promise<void>;
}

export async function startReceiver(
  behave: (request: { index: number; key: string | undefined; body: string }) => Behaviour,
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const accepted = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let maxConcurrent = 0;
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = req.headers['idempotency-key'] as string | undefined;
      const behaviour = behave({ index: requests.length, key, body });
      requests.push({ key, headers: req.headers, body, answer: behaviour.kind });
      if (key !== undefined) {
        const n = (inFlight.get(key) ?? 0) + 1;
        inFlight.set(key, n);
        maxConcurrent = Math.max(maxConcurrent, n);
        res.on('close', () => inFlight.set(key, (inFlight.get(key) ?? 1) - 1));
      }
      switch (behaviour.kind) {
        case 'ok': {
          const answer = () => {
            if (key !== undefined) accepted.set(key, (accepted.get(key) ?? 0) + 1);
            res.writeHead(behaviour.status ?? 200, { 'content-type': 'text/plain' }).end('ok');
          };
          if (behaviour.delayMs === undefined) answer();
          else setTimeout(answer, behaviour.delayMs);
          return;
        }
        case 'status': {
          const headers: Record<string, string> = { 'content-type': 'text/plain' };
          if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
          res.writeHead(behaviour.status, headers).end(behaviour.body ?? `status ${behaviour.status}`);
          return;
        }
        case 'hang':
          hanging.add(res);
          return;
        case 'close':
          req.socket.destroy();
          return;
      }
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    accepted,
    maxConcurrentPerKey: () => maxConcurrent,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
