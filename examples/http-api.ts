/**
 * A small incident service over JSON, on node:http and the manager:
 *
 *   POST /incidents                      declare (201, `Location`, `ETag: "v1"`)
 *   GET  /incidents/:id                  the incident (`ETag`)
 *   POST /incidents/:id/<command>        acknowledge, assign-role, triage, updates, mitigate, resolve, close
 *   GET  /metrics                        MTTA / MTTR over the stored incidents
 *   POST /alerts/alertmanager            an Alertmanager webhook, signed (`Incidentkit-Signature`)
 *
 * `Idempotency-Key` becomes the command's `commandId`, so a retried request applies once and gets
 * the first answer; `If-Match: "v<n>"` makes a command conditional on the version the client saw
 * (412 with the current ETag when it moved on). Input errors are 400 with the IncidentKitError's
 * JSON (`code`, `reason`, `issues` naming the field); a command the lifecycle or the policy refuses
 * is 409; an unknown incident 404; a bad alert signature 401.
 *
 * Run it with `npx tsx examples/http-api.ts` (PORT, default 3000; ALERT_WEBHOOK_SECRET).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  createIncidentManager,
  fromAlertmanager,
  type Incident,
  IncidentKitError,
  type IncidentManager,
  invalidInput,
  isIncidentKitError,
  mtta,
  mttr,
  verifyWebhookSignature,
} from '../src/index.js';

/** Options of {@link createIncidentApi}. */
export interface IncidentApiOptions {
  /** The manager the service runs (default: a memory store and the default policy). */
  readonly manager?: IncidentManager;
  /** The secret the alert relay signs with (`webhookNotifier({ secret })` on the sending side). */
  readonly alertSecret: string;
}

type Json = Record<string, unknown>;

/**
 * The request body as a command's payload. No checking here on purpose: the manager validates every
 * payload at its boundary and names the field (`payload.role`) in the error this service returns.
 */
const payload = <T>(body: Json) => body as unknown as T;
type PayloadOf<K extends keyof IncidentManager> = IncidentManager[K] extends (
  id: string,
  p: infer P,
) => unknown
  ? NonNullable<P>
  : never;

const COMMANDS: Readonly<
  Record<string, (manager: IncidentManager, incidentId: string, body: Json) => Promise<Incident>>
> = {
  acknowledge: (m, id, body) => m.acknowledge(id, payload<PayloadOf<'acknowledge'>>(body)),
  'assign-role': (m, id, body) => m.assignRole(id, payload<PayloadOf<'assignRole'>>(body)),
  triage: (m, id, body) => m.triage(id, payload<PayloadOf<'triage'>>(body)),
  updates: (m, id, body) => m.postUpdate(id, payload<PayloadOf<'postUpdate'>>(body)),
  mitigate: (m, id, body) => m.mitigate(id, payload<PayloadOf<'mitigate'>>(body)),
  resolve: (m, id, body) => m.resolve(id, payload<PayloadOf<'resolve'>>(body)),
  close: (m, id, body) => m.close(id, payload<PayloadOf<'close'>>(body)),
};

const MAX_BODY = 256 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_BODY)
      throw invalidInput('body', `the request body is larger than ${MAX_BODY} bytes`);
  }
  return body;
}

function parseJson(text: string): Json {
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw invalidInput('body', 'the request body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidInput('body', 'expected a JSON object');
  return value as Json;
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const etag = (incident: Incident) => `"v${incident.version}"`;

/** `If-Match: "v7"` → 7; a malformed one is an input error naming the header. */
function expectedVersion(request: IncomingMessage): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!match) throw invalidInput('headers.if-match', 'expected an ETag this service gave out, like "v3"');
  return Number(match[1]);
}

function statusOf(error: IncidentKitError): number {
  switch (error.code) {
    case 'INVALID_INPUT':
    case 'OUT_OF_ORDER':
    case 'POLICY_MISMATCH':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_TRANSITION':
    case 'GUARD_REJECTED':
    case 'CONCURRENCY_CONFLICT':
    case 'DUPLICATE_EVENT_ID':
      return 409;
    default:
      return 500;
  }
}

/**
 * The service as a node:http server (not yet listening). `If-Match` is checked and the command
 * applied behind one queue per incident, so no other request of this process can slip in between.
 */
export function createIncidentApi(options: IncidentApiOptions): Server {
  const manager = options.manager ?? createIncidentManager();
  const queues = new Map<string, Promise<unknown>>();
  const serially = <T>(incidentId: string, task: () => Promise<T>): Promise<T> => {
    const previous = queues.get(incidentId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    queues.set(incidentId, settled);
    void settled.then(() => queues.get(incidentId) === settled && queues.delete(incidentId));
    return next;
  };

  async function incidentCommand(
    request: IncomingMessage,
    response: ServerResponse,
    id: string,
    name: string,
  ) {
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) return send(response, 404, { error: `no command ${name}` });
    const body = parseJson(await readBody(request));
    const key = request.headers['idempotency-key'];
    const input = typeof key === 'string' ? { ...body, commandId: key } : body;
    const expected = expectedVersion(request);
    const outcome = await serially(id, async () => {
      if (expected !== undefined) {
        const current = await manager.get(id);
        // A retry of a request that already applied is answered from its first result instead.
        const replayed = typeof key === 'string' && (await manager.store.findCommand(key)) !== undefined;
        if (current.version !== expected && !replayed) return { applied: false, incident: current };
      }
      return { applied: true, incident: await command(manager, id, input) };
    });
    if (!outcome.applied) {
      return send(
        response,
        412,
        {
          error: `the incident is at ${etag(outcome.incident)}, not "v${expected}"; GET it and decide again`,
        },
        { etag: etag(outcome.incident) },
      );
    }
    send(response, 200, outcome.incident, { etag: etag(outcome.incident) });
  }

  async function alert(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request);
    const signature = request.headers['incidentkit-signature'];
    const authentic =
      typeof signature === 'string' && (await verifyWebhookSignature(raw, signature, options.alertSecret));
    if (!authentic) return send(response, 401, { error: 'missing or invalid Incidentkit-Signature' });
    const results = [];
    for (const signal of fromAlertmanager(parseJson(raw))) {
      const result = await manager.signal(signal);
      results.push({ action: result.action, incidentId: result.incident?.id });
    }
    send(response, 202, { results });
  }

  async function metrics(response: ServerResponse) {
    const incidents: Incident[] = [];
    let cursor: string | undefined;
    do {
      const page = await manager.list({ limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      incidents.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    send(response, 200, { incidents: incidents.length, mtta: mtta(incidents), mttr: mttr(incidents) });
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.split('/').filter(Boolean);
    const method = request.method ?? 'GET';
    if (method === 'POST' && path.length === 1 && path[0] === 'incidents') {
      const body = parseJson(await readBody(request));
      const key = request.headers['idempotency-key'];
      const incident = await manager.declare({
        ...body,
        ...(typeof key === 'string' && { commandId: key }),
      } as Parameters<IncidentManager['declare']>[0]);
      return send(response, 201, incident, { etag: etag(incident), location: `/incidents/${incident.id}` });
    }
    if (method === 'GET' && path.length === 2 && path[0] === 'incidents') {
      const incident = await manager.get(path[1]!);
      return send(response, 200, incident, { etag: etag(incident) });
    }
    if (method === 'POST' && path.length === 3 && path[0] === 'incidents')
      return incidentCommand(request, response, path[1]!, path[2]!);
    if (method === 'GET' && path.length === 1 && path[0] === 'metrics') return metrics(response);
    if (method === 'POST' && path.join('/') === 'alerts/alertmanager') return alert(request, response);
    send(response, 404, { error: `no route ${method} ${request.url}` });
  }

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (isIncidentKitError(error)) return send(response, statusOf(error), error.toJSON());
      console.error(error);
      send(response, 500, new IncidentKitError('INTERNAL', 'the service failed; see its log').toJSON());
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  const server = createIncidentApi({ alertSecret: process.env.ALERT_WEBHOOK_SECRET ?? 'whsec_dev' });
  server.listen(port, '127.0.0.1', () => console.log(`incident API on http://127.0.0.1:${port}`));
}
