/**
 * Every notifier and tracker at its boundary: options are read once when it is made, the message,
 * send context, action item and ref once per call, and whatever a caller hands over ends as an
 * IncidentKitError naming the field (with the thrown value as `cause` for a throwing getter or
 * Proxy trap), never a raw TypeError or RangeError.
 */
import { describe, expect, it } from 'vitest';
import {
  githubIssuesTracker,
  jiraTracker,
  type Notifier,
  type NotifyContext,
  pagerDutyEventAction,
  pagerDutyNotifier,
  slackApiNotifier,
  slackNotifier,
  teamsNotifier,
  webhookNotifier,
} from '../../src/adapters/index.js';
import type { FetchLike } from '../../src/adapters/web.js';
import { errorOf } from '../errors.js';
import {
  countingObject,
  revokedProxy,
  sparseArray,
  tenMegabytes,
  throwingGetters,
  throwingProxy,
} from './hostile.js';
import { message, rejectionOf } from './store-contract.js';

const https = 'https://hooks.example.invalid/x';

/** A fetch that answers `status` with `body` and records each request. */
function stubFetch(status = 200, body = '{"ok":true,"channel":"C1","ts":"1.2"}') {
  const requests: { url: string; body: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, body: init?.body ?? '', headers: init?.headers ?? {} });
    return { status, ok: status < 300, headers: { get: () => null }, text: async () => body };
  };
  return { fetch, requests };
}

const context = (overrides: Partial<NotifyContext> = {}): NotifyContext => ({
  idempotencyKey: 'row_1',
  attempt: 1,
  incident: { id: 'INC-1', severity: 'SEV1', phase: 'triage', page: 'all-hands' },
  state: { get: async () => undefined, set: async () => {} },
  now: Date.UTC(2026, 10, 24, 9),
  ...overrides,
});

type Factory = (options: Record<string, unknown>) => Notifier;
const factories: [string, Factory, string, Record<string, unknown>][] = [
  ['webhookNotifier', (o) => webhookNotifier(o as never), 'url', { url: https }],
  ['slackNotifier', (o) => slackNotifier(o as never), 'webhookUrl', { webhookUrl: https }],
  ['teamsNotifier', (o) => teamsNotifier(o as never), 'webhookUrl', { webhookUrl: https }],
  ['pagerDutyNotifier', (o) => pagerDutyNotifier(o as never), 'url', { routingKey: 'R0123', url: https }],
  [
    'slackApiNotifier',
    (o) => slackApiNotifier(o as never),
    'baseUrl',
    { token: 'xoxb-1', channel: 'C1', baseUrl: https },
  ],
];

describe.each(factories)('%s at its boundary', (_label, make, urlField, valid) => {
  it('turns options that throw when read into one INVALID_INPUT with the thrown value as cause', () => {
    const thrown = new Error('trap');
    const fromProxy = errorOf(() => make(throwingProxy(thrown) as never));
    expect(fromProxy.issues[0]?.path).toBe('options');
    expect(fromProxy.cause).toBe(thrown);
    const fromGetter = errorOf(() => make(throwingGetters([urlField], thrown)));
    expect(fromGetter.cause).toBe(thrown);
    expect(errorOf(() => make(revokedProxy() as never)).cause).toBeInstanceOf(TypeError);
  });

  it('names the URL for a sparse array, a 10 MB string or a non-http scheme', () => {
    for (const url of [sparseArray(), `https://x.example/${tenMegabytes()}`, 'javascript:alert(1)', 10n])
      expect(errorOf(() => make({ ...valid, [urlField]: url })).issues[0]?.path).toBe(`options.${urlField}`);
  });

  it('refuses null, a Symbol and a string as options, and a timeout a timer cannot wait', () => {
    for (const options of [null, Symbol('o'), tenMegabytes()])
      expect(errorOf(() => make(options as never)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => make({ ...valid, timeoutMs: 2 ** 31 })).issues[0]?.path).toBe('options.timeoutMs');
  });

  it('refuses an unknown option (a typo such as secert must not quietly turn a feature off)', () => {
    const error = errorOf(() => make({ ...valid, secert: 'x', timeoutMS: 5 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]?.path).toBe('options');
    expect(error.reason).toContain('"secert"');
  });

  it('reads each option once', async () => {
    const { fetch, requests } = stubFetch(202);
    const { value, reads } = countingObject({ ...valid, fetch });
    const notifier = make(value);
    await notifier.send(message('INC-1'), context());
    await notifier.send(message('INC-1'), context({ idempotencyKey: 'row_2' }));
    expect(Object.values(reads).every((n) => n === 1)).toBe(true);
    for (const request of requests) expect(request.url.startsWith(https)).toBe(true);
  });

  it('names a send context that throws when read, or one whose key would break a header', async () => {
    const notifier = make({ ...valid, fetch: stubFetch().fetch });
    const thrown = new Error('context');
    const hostile = await rejectionOf(
      notifier.send(message('INC-1'), throwingGetters(['incident'], thrown) as never),
    );
    expect(hostile.issues[0]?.path).toBe('context');
    expect(hostile.cause).toBe(thrown);
    const injected = await rejectionOf(
      notifier.send(message('INC-1'), context({ idempotencyKey: 'row\r\nx-evil: 1' })),
    );
    expect(injected.issues[0]?.path).toBe('context.idempotencyKey');
    const noState = await rejectionOf(notifier.send(message('INC-1'), context({ state: 42 as never })));
    expect(noState.issues[0]?.path).toBe('context.state');
    const page = await rejectionOf(
      notifier.send(
        message('INC-1'),
        context({ incident: { ...context().incident, page: 'toString' as never } }),
      ),
    );
    expect(page.issues[0]?.path).toBe('context.incident.page');
  });

  it('dead-letters a message that throws when read: a permanent DELIVERY_FAILED with the cause', async () => {
    const { fetch, requests } = stubFetch();
    const notifier = make({ ...valid, fetch });
    const thrown = new Error('title getter');
    const hostile = { ...message('INC-1') } as Record<string, unknown>;
    Object.defineProperty(hostile, 'title', {
      enumerable: true,
      get() {
        throw thrown;
      },
    });
    for (const bad of [hostile, revokedProxy(), sparseArray()]) {
      const error = await rejectionOf(notifier.send(bad as never, context()));
      expect(error.code).toBe('DELIVERY_FAILED');
      expect(error.details).toMatchObject({ permanent: true });
      expect(error.message.length).toBeLessThan(500);
    }
    expect(requests).toHaveLength(0);
  });
});

describe('webhookNotifier options', () => {
  it('refuses a header with a line break, an unknown format and an empty secret, naming each', () => {
    expect(
      errorOf(() => webhookNotifier({ url: https, headers: { authorization: 'a\nb' } })).issues[0]?.path,
    ).toBe('options.headers.authorization');
    expect(errorOf(() => webhookNotifier({ url: https, formats: ['pdf' as never] })).issues[0]?.path).toBe(
      'options.formats[0]',
    );
    expect(errorOf(() => webhookNotifier({ url: https, secret: '' })).issues[0]?.path).toBe('options.secret');
  });
});

describe('slackNotifier reads Slack’s error from the body', () => {
  it('dead-letters a documented error, and does not mistake an Object.prototype name for one', async () => {
    const named = await rejectionOf(
      slackNotifier({ webhookUrl: https, fetch: stubFetch(404, 'channel_not_found').fetch }).send(
        message('INC-1'),
        context(),
      ),
    );
    expect(named.details).toMatchObject({ status: 404, permanent: true });
    expect(named.message).toContain('404 channel_not_found');
    for (const body of ['constructor', 'toString', '__proto__', tenMegabytes('_')]) {
      const error = await rejectionOf(
        slackNotifier({ webhookUrl: https, fetch: stubFetch(503, body).fetch }).send(
          message('INC-1'),
          context(),
        ),
      );
      expect(error.details).toMatchObject({ status: 503 });
      expect(error.details).not.toHaveProperty('permanent');
    }
  });
});

describe('pagerDutyEventAction and pagerDutyNotifier', () => {
  it('names the argument whose getters throw, with the cause', () => {
    const thrown = new Error('kind getter');
    const error = errorOf(() =>
      pagerDutyEventAction(throwingGetters(['kind'], thrown) as never, { page: 'team', phase: 'triage' }),
    );
    expect(error.issues[0]?.path).toBe('message');
    expect(error.cause).toBe(thrown);
    expect(
      errorOf(() => pagerDutyEventAction({ kind: 'reminder' }, { page: 'loud', phase: 'triage' } as never))
        .issues[0]?.path,
    ).toBe('incident.page');
    expect(
      errorOf(() => pagerDutyEventAction(sparseArray() as never, { page: 'team', phase: 'triage' })).code,
    ).toBe('INVALID_INPUT');
  });

  it('refuses an unknown PagerDuty severity and a policy that throws when read', () => {
    expect(
      errorOf(() => pagerDutyNotifier({ routingKey: 'R1', severities: { SEV1: 'fatal' as never } })).issues[0]
        ?.path,
    ).toBe('options.severities.SEV1');
    const thrown = new Error('scale');
    expect(
      errorOf(() =>
        pagerDutyNotifier({ routingKey: 'R1', policy: throwingGetters(['scale'], thrown) as never }),
      ).cause,
    ).toBe(thrown);
  });

  it('fails the send (not the process) when incidentUrl throws, and leaves out a link that is not http(s)', async () => {
    const thrown = new Error('url');
    const throwing = pagerDutyNotifier({
      routingKey: 'R1',
      url: https,
      fetch: stubFetch(202).fetch,
      incidentUrl: () => {
        throw thrown;
      },
    });
    const initial = { ...message('INC-1'), kind: 'initial-notification', channel: 'incident-1' };
    const error = await rejectionOf(throwing.send(initial as never, context()));
    expect(error.code).toBe('DELIVERY_FAILED');
    expect(error.cause).toBe(thrown);
    const { fetch, requests } = stubFetch(202);
    await pagerDutyNotifier({
      routingKey: 'R1',
      url: https,
      fetch,
      incidentUrl: () => 'javascript:alert(1)',
    }).send(initial as never, context());
    expect(JSON.parse(requests[0]!.body)).not.toHaveProperty('links');
  });
});

describe('trackers at their boundary', () => {
  const tracker = () => githubIssuesTracker({ repo: 'acme/platform', token: 't', fetch: stubFetch().fetch });
  const jira = () =>
    jiraTracker({
      baseUrl: https,
      email: 'a@b.example',
      apiToken: 't',
      projectKey: 'OPS',
      fetch: stubFetch().fetch,
    });

  it('refuses an unknown option', () => {
    const github = errorOf(() =>
      githubIssuesTracker({ repo: 'acme/platform', token: 't', labls: ['x'] } as never),
    );
    expect(github.issues[0]?.path).toBe('options');
    const atlassian = errorOf(() =>
      jiraTracker({
        baseUrl: https,
        email: 'a@b.example',
        apiToken: 't',
        projectKey: 'OPS',
        project: 'OPS',
      } as never),
    );
    expect(atlassian.issues[0]?.path).toBe('options');
  });

  it('names a ref that throws when read, a sparse array, a 10 MB key and a key with two #', async () => {
    const thrown = new Error('ref');
    for (const t of [tracker(), jira()]) {
      const hostile = await rejectionOf(t.status(throwingGetters(['key'], thrown) as never));
      expect(hostile.issues[0]?.path).toBe('ref');
      expect(hostile.cause).toBe(thrown);
      expect((await rejectionOf(t.status(sparseArray() as never))).issues[0]?.path).toBe('ref');
      expect((await rejectionOf(t.status({ tracker: 'github', key: tenMegabytes() }))).issues[0]?.path).toBe(
        'ref.key',
      );
    }
    expect(
      (await rejectionOf(tracker().status({ tracker: 'github', key: 'acme/platform#1#2' }))).issues[0]?.path,
    ).toBe('ref.key');
    expect(
      (await rejectionOf(jira().status({ tracker: 'jira', key: `OPS-${'1'.repeat(30)}` }))).issues[0]?.path,
    ).toBe('ref.key');
  });

  it('names an action item or a context that is malformed or throws when read', async () => {
    const thrown = new Error('title');
    for (const t of [tracker(), jira()]) {
      const item = await rejectionOf(
        t.create(throwingGetters(['title'], thrown) as never, { incidentId: 'INC-1', incidentTitle: 'x' }),
      );
      expect(item.issues[0]?.path).toBe('item');
      expect(item.cause).toBe(thrown);
      const valid = { id: 'act_1', title: 'Add an alert', status: 'open' } as const;
      expect((await rejectionOf(t.create(valid, revokedProxy() as never))).issues[0]?.path).toBe('context');
      expect(
        (
          await rejectionOf(
            t.create({ ...valid, status: 'toString' as never }, { incidentId: 'I', incidentTitle: 'x' }),
          )
        ).issues[0]?.path,
      ).toBe('item.status');
    }
  });

  it('trims a long run of trailing slashes from a base URL', async () => {
    const { fetch, requests } = stubFetch(200, '[]');
    const t = githubIssuesTracker({
      repo: 'a/b',
      token: 't',
      baseUrl: `https://gh.example${'/'.repeat(8_000)}`,
      fetch,
    });
    await rejectionOf(
      t.create({ id: 'act_1', title: 'x', status: 'open' }, { incidentId: 'I', incidentTitle: 'x' }),
    );
    expect(requests[0]?.url.startsWith('https://gh.example/repos/a/b/issues?')).toBe(true);
  });
});
