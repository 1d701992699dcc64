// A local HTTP server on 127.0.0.1 that tests script to answer as a vendor's documented API does,
// recording every request it receives (including the ones it was told to fail).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** True when an injected fault answered it (the vendor never processed it). */
  readonly injected: boolean;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface VendorServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests the vendor processed (not answered by an injected fault). */
  processed(): RecordedRequest[];
  /** The next requests are answered with these replies, in order, before the handler sees any. */
  inject(...replies: Reply[]): void;
  /**
   * The next `count` requests (that `match`, default all) are processed by the handler, then the
   * connection is closed without an answer: the vendor did the work, the caller never heard.
   */
  loseAnswers(count: number, match?: (request: RecordedRequest) => boolean): void;
  /** Forgets the recorded requests and any faults not yet used (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startVendorServer(handler: Handler): Promise<VendorServer> {
  const requests: RecordedRequest[] = [];
  const faults: Reply[] = [];
  let lose = 0;
  let loseMatch: (request: RecordedRequest) => boolean = () => true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fault = faults.shift();
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        injected: fault !== undefined,
      };
      requests.push(recorded);
      const dropAnswer = fault === undefined && lose > 0 && loseMatch(recorded);
      if (dropAnswer) lose--;
      Promise.resolve(fault ?? handler(recorded))
        .then((reply) => {
          if (dropAnswer) {
            req.socket.destroy();
            return;
          }
          const body =
            reply.body === undefined
              ? ''
              : typeof reply.body === 'string'
                ? reply.body
                : JSON.stringify(reply.body);
          const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
          res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
          res.end(body);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    processed: () => requests.filter((r) => !r.injected),
    inject: (...replies) => faults.push(...replies),
    loseAnswers: (count, match = () => true) => {
      lose += count;
      loseMatch = match;
    },
    reset: () => {
      requests.length = 0;
      faults.length = 0;
      lose = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Parses a recorded JSON body (fails the test with the raw body when it is not JSON). */
export function jsonOf(request: RecordedRequest): Record<string, unknown> {
  try {
    return JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON: ${request.body.slice(0, 200)}`);
  }
}
