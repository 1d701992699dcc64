import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotifyContext } from '../../src/adapters/index.js';
import {
  classifyHttpStatus,
  httpRequest,
  parseRetryAfter,
  postJson,
  verifyWebhookSignature,
  webhookNotifier,
} from '../../src/adapters/index.js';
import { errorOf } from '../errors.js';
import {
  countingObject,
  revokedProxy,
  sparseArray,
  tenMegabytes,
  throwingGetters,
  throwingProxy,
} from './hostile.js';
import { type Behaviour, type Receiver, startReceiver } from './receiver.js';
import { message, rejectionOf } from './store-contract.js';

let receiver: Receiver;
const script = new Map<string, Behaviour>();

beforeAll(async () => {
  receiver = await startReceiver(({ body }) => {
    const mode = /"mode":"([^"]+)"/.exec(body)?.[1] ?? 'ok';
    return script.get(mode) ?? { kind: 'ok' };
  });
  script.set('500', { kind: 'status', status: 500 });
  script.set('503-date', { kind: 'status', status: 503, retryAfter: 'Tue, 24 Nov 2026 09:00:30 GMT' });
  script.set('429', { kind: 'status', status: 429, retryAfter: '7' });
  script.set('404', { kind: 'status', status: 404, body: 'no such hook' });
  script.set('408', { kind: 'status', status: 408 });
  script.set('425', { kind: 'status', status: 425 });
  script.set('hang', { kind: 'hang' });
  script.set('close', { kind: 'close' });
  script.set('204', { kind: 'ok', status: 204 });
});
afterAll(() => receiver.close());

const post = (mode: string, timeoutMs = 2_000) =>
  postJson(receiver.url, { mode }, { timeoutMs, target: 'test', now: Date.UTC(2026, 10, 24, 9) });

describe('httpRequest / postJson against a local receiver', () => {
  it('resolves on 2xx with the body as text', async () => {
    expect(await post('ok')).toMatchObject({ status: 200, text: 'ok' });
    expect((await post('204')).status).toBe(204);
  });

  it('treats 5xx as retryable, without retryAfterMs when none is given', async () => {
    const error = await rejectionOf(post('500'));
    expect(error.code).toBe('DELIVERY_FAILED');
    expect(error.details).toMatchObject({ status: 500, target: 'test' });
    expect(error.details).not.toHaveProperty('permanent');
    expect(error.details).not.toHaveProperty('retryAfterMs');
  });

  it('honours Retry-After seconds on 429 and an HTTP-date against the given now', async () => {
    expect((await rejectionOf(post('429'))).details).toMatchObject({ status: 429, retryAfterMs: 7_000 });
    expect((await rejectionOf(post('503-date'))).details).toMatchObject({
      status: 503,
      retryAfterMs: 30_000,
    });
  });

  it('treats 408 and 425 as retryable and other 4xx as permanent, quoting the body', async () => {
    for (const mode of ['408', '425'])
      expect((await rejectionOf(post(mode))).details).not.toHaveProperty('permanent');
    const error = await rejectionOf(post('404'));
    expect(error.details).toMatchObject({ status: 404, permanent: true });
    expect(error.message).toContain('no such hook');
  });

  it('abandons a request that hangs past the timeout, retryably', async () => {
    const error = await rejectionOf(post('hang', 150));
    expect(error.code).toBe('DELIVERY_FAILED');
    expect(error.message).toContain('150 ms');
    expect(error.details).not.toHaveProperty('permanent');
  });

  it('treats a closed socket and a refused connection as retryable network errors', async () => {
    const closed = await rejectionOf(post('close'));
    expect(closed.message).toContain('network error');
    expect(closed.details).not.toHaveProperty('status');
    const refused = await rejectionOf(httpRequest('http://127.0.0.1:1/', { timeoutMs: 2_000 }));
    expect(refused.message).toContain('network error');
  });

  it('ends on time even with a fetch that ignores its abort signal', async () => {
    const fetch = () => new Promise<never>(() => {});
    const error = await rejectionOf(httpRequest('http://127.0.0.1/', { fetch, timeoutMs: 50 }));
    expect(error.message).toContain('no answer within 50 ms');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = httpRequest(receiver.url, {
      body: '{"mode":"hang"}',
      signal: controller.signal,
      timeoutMs: 5_000,
    });
    setTimeout(() => controller.abort(), 20);
    expect((await rejectionOf(pending)).message).toContain('aborted');
  });
});

describe('classifyHttpStatus and parseRetryAfter', () => {
  it('classifies every status class', () => {
    expect(classifyHttpStatus(201).kind).toBe('delivered');
    expect(classifyHttpStatus(400).kind).toBe('permanent');
    expect(classifyHttpStatus(401).kind).toBe('permanent');
    expect(classifyHttpStatus(410).kind).toBe('permanent');
    for (const s of [408, 425, 429, 500, 502, 503, 504]) expect(classifyHttpStatus(s).kind).toBe('retry');
  });

  it('reads delay seconds, HTTP-dates against now or the Date header, and ignores junk', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 120 ')).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:01:00 GMT', { now: Date.UTC(2026, 10, 24, 9) })).toBe(60_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:01:00 GMT', { date: 'Tue, 24 Nov 2026 09:00:50 GMT' })).toBe(
      10_000,
    );
    expect(parseRetryAfter('Tue, 24 Nov 2026 08:00:00 GMT', { now: Date.UTC(2026, 10, 24, 9) })).toBe(0);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:01:00 GMT')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('webhookNotifier', () => {
  const context = (key: string): NotifyContext => ({
    idempotencyKey: key,
    attempt: 2,
    incident: { id: 'INC-1', severity: 'SEV2', phase: 'detect', page: 'team' },
    state: { get: async () => undefined, set: async () => {} },
    now: Date.UTC(2026, 10, 24, 9),
  });

  it('POSTs the message and its renderings as JSON with an Idempotency-Key and a signature the receiver verifies', async () => {
    const notifier = webhookNotifier({
      url: receiver.url,
      secret: 'whsec_test',
      headers: { authorization: 'Bearer t' },
    });
    await notifier.send(message('INC-1'), context('row-1'));
    const request = receiver.requests.find((r) => r.key === 'row-1');
    expect(request).toBeDefined();
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer t');
    const payload = JSON.parse(request!.body);
    expect(payload).toMatchObject({ id: 'row-1', attempt: 2, incident: { id: 'INC-1', page: 'team' } });
    expect(payload.message).toEqual(message('INC-1'));
    expect(Object.keys(payload.rendered).sort()).toEqual(['html', 'markdown', 'text']);
    expect(payload.rendered.text).toContain('Checkout errors');
    const header = request?.headers['incidentkit-signature'] as string;
    expect(header).toMatch(/^t=1795510800,v1=[0-9a-f]{64}$/);
    const now = Date.UTC(2026, 10, 24, 9, 2);
    expect(await verifyWebhookSignature(request!.body, header, 'whsec_test', { toleranceS: 300, now })).toBe(
      true,
    );
    expect(
      await verifyWebhookSignature(`${request!.body} `, header, 'whsec_test', { toleranceS: 300, now }),
    ).toBe(false);
    expect(await verifyWebhookSignature(request!.body, header, 'other', { toleranceS: 300, now })).toBe(
      false,
    );
    const late = Date.UTC(2026, 10, 24, 9, 6);
    expect(
      await verifyWebhookSignature(request!.body, header, 'whsec_test', { toleranceS: 300, now: late }),
    ).toBe(false);
  });

  it('sends no signature without a secret, and refuses a non-http url', async () => {
    await webhookNotifier({ url: receiver.url }).send(message('INC-1'), context('row-2'));
    expect(
      receiver.requests.find((r) => r.key === 'row-2')?.headers['incidentkit-signature'],
    ).toBeUndefined();
    expect(() => webhookNotifier({ url: 'ftp://x' })).toThrow(/http/);
  });

  it('fails permanently on a message no renderer accepts', async () => {
    const error = await rejectionOf(
      webhookNotifier({ url: receiver.url }).send({ kind: 'nope' } as never, context('row-3')),
    );
    expect(error.details).toMatchObject({ permanent: true });
  });
});

describe('verifyWebhookSignature', () => {
  it('rejects malformed headers without throwing, and accepts any matching v1 of several', async () => {
    const now = Date.UTC(2026, 10, 24, 9);
    for (const header of [undefined, '', 'v1=abc', 't=abc,v1=00', `t=${now / 1000}`, 'garbage'])
      expect(await verifyWebhookSignature('{}', header, 's', { toleranceS: 300, now })).toBe(false);
    const t = now / 1000;
    const { hmacSha256Hex } = await import('../../src/adapters/web-crypto.js');
    const good = await hmacSha256Hex('s', `${t}.{}`);
    const header = `t=${t},v1=${'0'.repeat(64)},v1=${good}`;
    expect(await verifyWebhookSignature('{}', header, 's', { toleranceS: 300, now })).toBe(true);
  });
});

describe('httpRequest, postJson, classifyHttpStatus and parseRetryAfter refuse hostile input', () => {
  const answering =
    (status = 200, body = 'ok') =>
    async () => ({ status, ok: status < 300, headers: { get: () => null }, text: async () => body });

  it('names a sparse array, a BigInt or a Symbol handed as the status, a header or a clock', () => {
    for (const status of [sparseArray(), 10n, Symbol('s'), '500', 99, 1000, 500.5, Number.NaN])
      expect(errorOf(() => classifyHttpStatus(status as never)).issues[0]?.path).toBe('status');
    expect(errorOf(() => classifyHttpStatus(500, sparseArray() as never)).issues[0]?.path).toBe('retryAfter');
    expect(errorOf(() => parseRetryAfter(sparseArray() as never)).issues[0]?.path).toBe('value');
    expect(errorOf(() => parseRetryAfter('1', { now: 9e15 })).issues[0]?.path).toBe('options.now');
    expect(errorOf(() => parseRetryAfter('1', { date: 10n as never })).issues[0]?.path).toBe('options.date');
    expect(errorOf(() => parseRetryAfter('1', null as never)).issues[0]?.path).toBe('options');
  });

  it('reads a 10 MB Retry-After or Date header as saying nothing, without throwing', () => {
    expect(parseRetryAfter(tenMegabytes('1'))).toBeUndefined();
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:01:00 GMT', { date: tenMegabytes() })).toBeUndefined();
    expect(classifyHttpStatus(429, tenMegabytes(' '))).toEqual({ kind: 'retry' });
  });

  it('turns a throwing getter or Proxy trap in the options into one INVALID_INPUT with the thrown value as cause', async () => {
    const thrown = new Error('trap');
    const fromProxy = await rejectionOf(httpRequest(receiver.url, throwingProxy(thrown) as never));
    expect(fromProxy.issues[0]?.path).toBe('options');
    expect(fromProxy.cause).toBe(thrown);
    const fromGetter = errorOf(() => parseRetryAfter('1', throwingGetters(['now'], thrown) as never));
    expect(fromGetter.cause).toBe(thrown);
    const revoked = await rejectionOf(postJson(receiver.url, {}, revokedProxy() as never));
    expect(revoked.code).toBe('INVALID_INPUT');
    expect(revoked.cause).toBeInstanceOf(TypeError);
  });

  it('refuses a 10 MB string as headers, a header with a line break and a URL that is not http(s), before any request', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return answering()();
    };
    const cases: [string, unknown, unknown][] = [
      ['options.headers', receiver.url, { fetch, headers: tenMegabytes() }],
      ['options.headers.x-a', receiver.url, { fetch, headers: { 'x-a': 'ok\r\nset-cookie: evil' } }],
      ['options.headers', receiver.url, { fetch, headers: { 'bad name': 'x' } }],
      ['options.timeoutMs', receiver.url, { fetch, timeoutMs: 2 ** 31 }],
      ['options.method', receiver.url, { fetch, method: 'GET /x HTTP/1.1' }],
      ['url', sparseArray(), { fetch }],
      ['url', `https://example.com/${tenMegabytes()}`, { fetch }],
      ['url', 'javascript:alert(1)', { fetch }],
    ];
    for (const [path, url, options] of cases) {
      const error = await rejectionOf(httpRequest(url as never, options as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path.startsWith(path)).toBe(true);
    }
    expect(calls).toBe(0);
  });

  it('reads each option once: a getter that would answer differently later is used as first read', async () => {
    let sent: unknown;
    const fetch = async (_url: string, init?: unknown) => {
      sent = init;
      return answering()();
    };
    const { value, reads } = countingObject({ fetch, method: 'PUT', body: 'first', timeoutMs: 1_000 });
    await httpRequest(receiver.url, value as never);
    expect(reads).toEqual({ fetch: 1, method: 1, body: 1, timeoutMs: 1 });
    expect(sent).toMatchObject({ method: 'PUT', body: 'first' });
  });

  it('refuses a signal whose getters throw, naming options.signal', async () => {
    const thrown = new Error('aborted getter');
    const error = await rejectionOf(
      httpRequest(receiver.url, {
        fetch: answering(),
        signal: throwingGetters(['aborted'], thrown) as never,
      }),
    );
    expect(error.issues[0]?.path).toBe('options.signal');
    expect(error.cause).toBe(thrown);
  });

  it('copies a JSON payload once and refuses what JSON cannot carry, naming payload', async () => {
    let body = '';
    const fetch = async (_url: string, init?: { body?: string }) => {
      body = init?.body ?? '';
      return answering()();
    };
    const shifting = countingObject({ text: 'first' }, 'second');
    await postJson(receiver.url, shifting.value, { fetch });
    expect(JSON.parse(body)).toEqual({ text: 'first' });
    expect(shifting.reads.text).toBe(1);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const payload of [sparseArray(), { n: 10n }, cycle, Symbol('s'), undefined, () => 1]) {
      const error = await rejectionOf(postJson(receiver.url, payload, { fetch }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path.startsWith('payload')).toBe(true);
    }
    const bigint = await rejectionOf(postJson(receiver.url, { n: 10n }, { fetch }));
    expect(bigint.cause).toBeInstanceOf(TypeError);
  });

  it('treats a fetch that resolves to something that is not a response as a retryable delivery failure', async () => {
    const junk: unknown[] = [
      undefined,
      42,
      { status: 'ok' },
      { status: 200, headers: null, text: async () => '' },
      { status: 200, headers: { get: () => null }, text: async () => 42 },
      throwingProxy(),
    ];
    for (const response of junk) {
      const error = await rejectionOf(httpRequest(receiver.url, { fetch: (async () => response) as never }));
      expect(error.code).toBe('DELIVERY_FAILED');
      expect(error.details).not.toHaveProperty('permanent');
    }
    // Headers that cannot be read read as absent: the status still decides.
    const unreadableHeaders = {
      status: 503,
      ok: false,
      headers: {
        get() {
          throw new Error('headers');
        },
      },
      text: async () => '',
    };
    const error = await rejectionOf(httpRequest(receiver.url, { fetch: async () => unreadableHeaders }));
    expect(error.details).toMatchObject({ status: 503 });
  });

  it('quotes at most 200 characters of a 10 MB error body', async () => {
    const error = await rejectionOf(httpRequest(receiver.url, { fetch: answering(500, tenMegabytes()) }));
    expect(error.details).toMatchObject({ status: 500 });
    expect(error.message.length).toBeLessThan(300);
  });
});
