import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jiraTracker } from '../../src/adapters/jira-tracker.js';
import type { ActionItem } from '../../src/model/index.js';
import { errorOf } from '../errors.js';
import { localVendor, rejectionOf } from './helpers.js';
import { adfProblems, jiraApi } from './jira-server.js';
import { jsonOf } from './vendor-server.js';

const NOW = Date.parse('2026-11-26T10:00:00Z');
const context = { incidentId: 'INC-42', incidentTitle: 'Checkout errors' };
const item: ActionItem = {
  id: 'act_1',
  title: 'Add a canary stage to the checkout deploy',
  owner: 'alice',
  dueAt: Date.parse('2026-12-10T00:00:00Z'),
  status: 'open',
  kind: 'prevent',
};

const local = localVendor(() =>
  jiraApi({ email: 'bot@acme.example', token: 'jira-token', project: 'OPS', now: () => NOW }),
);

const tracker = (overrides: Partial<Parameters<typeof jiraTracker>[0]> = {}) =>
  jiraTracker({
    baseUrl: local.server.url,
    email: 'bot@acme.example',
    apiToken: 'jira-token',
    projectKey: 'OPS',
    now: () => NOW,
    ...overrides,
  });

describe('jiraTracker', () => {
  it('creates an issue with an ADF description, labels and due date, authenticated with basic auth', async () => {
    const ref = await tracker().create(item, context);
    expect(ref).toEqual({ tracker: 'jira', key: 'OPS-1', url: `${local.server.url}/browse/OPS-1` });
    const [search, request] = local.server.requests;
    expect(search?.path).toMatch(/^\/rest\/api\/3\/search\/jql\?jql=project\+%3D\+%22OPS%22/);
    expect(request).toMatchObject({ method: 'POST', path: '/rest/api/3/issue' });
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('bot@acme.example:jira-token').toString('base64')}`,
    );
    const { fields } = jsonOf(request!) as { fields: Record<string, unknown> };
    expect(fields).toMatchObject({
      project: { key: 'OPS' },
      issuetype: { name: 'Task' },
      summary: 'Add a canary stage to the checkout deploy',
      labels: ['incident-follow-up'],
      duedate: '2026-12-10',
    });
    expect(adfProblems(fields.description)).toEqual([]);
    expect(JSON.stringify(fields.description)).toContain('Follow-up from incident INC-42: Checkout errors');
  });

  it('writes user text as plain ADF text nodes only (no mention, link or inline card nodes)', async () => {
    await tracker().create(
      { ...item, owner: '[~accountid:123] @here' },
      { ...context, incidentTitle: 'https://evil.example' },
    );
    const created = local.server.requests.find((r) => r.method === 'POST')!;
    const { fields } = jsonOf(created) as { fields: { description: unknown } };
    const types = new Set<string>();
    const walk = (n: unknown) => {
      if (n && typeof n === 'object') {
        const node = n as { type?: string; content?: unknown[]; marks?: { type: string }[] };
        if (node.type) types.add(node.type);
        for (const m of node.marks ?? []) types.add(`mark:${m.type}`);
        for (const c of node.content ?? []) walk(c);
      }
    };
    walk(fields.description);
    expect([...types].sort()).toEqual(['bulletList', 'doc', 'listItem', 'mark:strong', 'paragraph', 'text']);
  });

  it('transitions the issue into the done category when the item is done, and reads it back with resolutiondate', async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    await t.update(ref, { ...item, status: 'done' });
    const posted = local.server.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/transitions'),
    );
    expect(posted.map((r) => jsonOf(r))).toEqual([{ transition: { id: '31' } }]);
    expect(await t.status(ref)).toEqual({ status: 'done', completedAt: NOW });
  });

  it("uses the Won't do transition for wontfix and reads the Won't Do resolution back as wontfix", async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    await t.update(ref, { ...item, status: 'wontfix' });
    expect(local.vendor.issues.get('OPS-1')).toMatchObject({ resolution: "Won't Do" });
    expect((await t.status(ref)).status).toBe('wontfix');
  });

  it('reopens a done issue when the item is open again, and leaves the workflow alone when it already agrees', async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    await t.update(ref, { ...item, title: 'Renamed' });
    expect(local.server.requests.some((r) => r.path.endsWith('/transitions'))).toBe(false);
    expect(local.vendor.issues.get('OPS-1')?.fields.summary).toBe('Renamed');
    await t.update(ref, { ...item, status: 'done' });
    await t.update(ref, { ...item, status: 'open' });
    expect(local.vendor.issues.get('OPS-1')?.status.name).toBe('To Do');
    expect(await t.status(ref)).toEqual({ status: 'open' });
  });

  it('follows a named done transition when the workflow has several', async () => {
    const t = tracker({ doneTransition: 'Closed' });
    const ref = await t.create(item, context);
    await t.update(ref, { ...item, status: 'done' });
    expect(local.vendor.issues.get('OPS-1')?.status.name).toBe('Closed');
  });

  it('fails permanently with the field Jira names on 400, and on bad credentials', async () => {
    const wrongProject = await rejectionOf(tracker({ projectKey: 'NOPE' }).create(item, context));
    expect(wrongProject.details).toMatchObject({ target: 'jira', status: 400, permanent: true });
    expect(wrongProject.message).toContain('valid project is required');
    const unauthorised = await rejectionOf(tracker({ apiToken: 'wrong' }).create(item, context));
    expect(unauthorised.details).toMatchObject({ status: 401, permanent: true });
  });

  it('retries 429 with Retry-After and 503, creating the issue once', async () => {
    local.server.inject(
      { status: 429, headers: { 'retry-after': '30' }, body: {} },
      { status: 503, body: 'Service Unavailable' },
    );
    const t = tracker();
    expect((await rejectionOf(t.create(item, context))).details).toMatchObject({
      status: 429,
      retryAfterMs: 30_000,
    });
    expect((await rejectionOf(t.create(item, context))).details).not.toHaveProperty('permanent');
    await t.create(item, context);
    expect(local.vendor.issues.size).toBe(1);
  });

  it('finds the issue a create whose answer was lost left behind, instead of opening a second', async () => {
    const t = tracker();
    local.server.loseAnswers(1, (r) => r.method === 'POST');
    expect((await rejectionOf(t.create(item, context))).details).not.toHaveProperty('permanent');
    expect(local.vendor.issues.size).toBe(1);
    expect(await t.create(item, context)).toMatchObject({ key: 'OPS-1' });
    expect(local.vendor.issues.size).toBe(1);
    await t.create({ ...item, id: 'act_10' }, context);
    expect(local.vendor.issues.size).toBe(2);
  });

  it('encodes any e-mail and token as basic auth exactly as RFC 7617 asks (UTF-8, base64)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
        fc.string({ minLength: 1, maxLength: 80 }),
        async (email, token) => {
          let header: string | undefined;
          const t = jiraTracker({
            baseUrl: 'https://acme.atlassian.net',
            email,
            apiToken: token,
            projectKey: 'OPS',
            fetch: async (_url, init) => {
              header = init?.headers?.authorization;
              return {
                status: 200,
                ok: true,
                headers: { get: () => null },
                text: async () => '{"key":"OPS-1","fields":{"status":{"statusCategory":{"key":"new"}}}}',
              };
            },
          });
          await t.status({ tracker: 'jira', key: 'OPS-1' });
          expect(header).toBe(`Basic ${Buffer.from(`${email}:${token}`, 'utf8').toString('base64')}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects malformed options and foreign refs, naming the field', async () => {
    const error = errorOf(() =>
      jiraTracker({ baseUrl: 'acme.atlassian.net', email: 'a', apiToken: 'b', projectKey: 'OPS' }),
    );
    expect(error.issues[0]?.path).toBe('options.baseUrl');
    expect(
      errorOf(() => jiraTracker({ baseUrl: 'https://x', email: 'a', apiToken: 'b', projectKey: 'ops' }))
        .issues[0]?.path,
    ).toBe('options.projectKey');
    expect((await rejectionOf(tracker().status({ tracker: 'github', key: 'a/b#1' }))).issues[0]?.path).toBe(
      'ref.key',
    );
  });
});
