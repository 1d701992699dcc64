import { describe, expect, it } from 'vitest';
import { githubIssuesTracker } from '../../src/adapters/github-issues-tracker.js';
import type { ActionItem } from '../../src/model/index.js';
import { errorOf } from '../errors.js';
import { githubApi } from './github-server.js';
import { localVendor, rejectionOf } from './helpers.js';
import { jsonOf } from './vendor-server.js';

const NOW = Date.parse('2026-11-26T10:00:00Z');
const context = { incidentId: 'INC-42', incidentTitle: 'Checkout errors' };
const item: ActionItem = {
  id: 'act_1',
  title: 'Alert on checkout queue depth',
  owner: 'alice',
  dueAt: Date.parse('2026-12-10T00:00:00Z'),
  status: 'open',
  kind: 'detect',
};

const local = localVendor(() => githubApi({ repo: 'acme/platform', token: 'ghp_test', now: () => NOW }));

const tracker = (overrides: Partial<Parameters<typeof githubIssuesTracker>[0]> = {}) =>
  githubIssuesTracker({
    repo: 'acme/platform',
    token: 'ghp_test',
    baseUrl: local.server.url,
    now: () => NOW,
    ...overrides,
  });

describe('githubIssuesTracker', () => {
  it('creates an issue with labels and a body naming the incident, owner and due date', async () => {
    const ref = await tracker().create(item, context);
    expect(ref).toEqual({
      tracker: 'github',
      key: 'acme/platform#1',
      url: 'https://github.com/acme/platform/issues/1',
    });
    const [list, request] = local.server.requests;
    expect(list?.path).toBe(
      '/repos/acme/platform/issues?state=all&sort=created&direction=desc&per_page=50&labels=incident-follow-up',
    );
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/repos/acme/platform/issues');
    expect(request?.headers).toMatchObject({
      accept: 'application/vnd.github+json',
      authorization: 'Bearer ghp_test',
      'x-github-api-version': '2022-11-28',
      'content-type': 'application/json',
    });
    const body = jsonOf(request!);
    expect(body.title).toBe('Alert on checkout queue depth');
    expect(body.labels).toEqual(['incident-follow-up', 'kind:detect']);
    expect(body.body).toContain('Follow-up from incident INC-42: Checkout errors.');
    expect(body.body).toContain('- **Owner:** alice');
    expect(body.body).toContain('- **Due:** 2026-12-10');
  });

  it('closes the issue as completed when the item is done, and reads it back as done at closed_at', async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    await t.update(ref, { ...item, status: 'done' });
    const patch = local.server.requests.find((r) => r.method === 'PATCH')!;
    expect(jsonOf(patch)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(await t.status(ref)).toEqual({ status: 'done', completedAt: NOW });
  });

  it('maps wontfix to a not_planned close and back', async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    await t.update(ref, { ...item, status: 'wontfix' });
    expect(local.vendor.issues.get(1)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect((await t.status(ref)).status).toBe('wontfix');
  });

  it('reads an issue a human closed as not planned as wontfix, and a reopened one as open', async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    Object.assign(local.vendor.issues.get(1)!, {
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2026-11-27T08:00:00Z',
    });
    expect(await t.status(ref)).toEqual({
      status: 'wontfix',
      completedAt: Date.parse('2026-11-27T08:00:00Z'),
    });
    await t.update(ref, { ...item, status: 'open' });
    expect(local.vendor.issues.get(1)).toMatchObject({ state: 'open', state_reason: 'reopened' });
    expect(await t.status(ref)).toEqual({ status: 'open' });
  });

  it('rewrites only its own details block on update, keeping what people added to the body', async () => {
    const t = tracker();
    const ref = await t.create(item, context);
    local.vendor.issues.get(1)!.body += '\n\nNotes from the team: see the dashboard.';
    await t.update(ref, { ...item, title: 'Alert on queue depth and age', owner: 'bob' });
    const issue = local.vendor.issues.get(1)!;
    expect(issue.title).toBe('Alert on queue depth and age');
    expect(issue.body).toContain('- **Owner:** bob');
    expect(issue.body).not.toContain('alice');
    expect(issue.body).toContain('Notes from the team: see the dashboard.');
  });

  it('defuses mentions and markup from user text in the issue body', async () => {
    await tracker().create(
      { ...item, owner: '@org/everyone' },
      { ...context, incidentTitle: '[x](https://evil) @here' },
    );
    const body = String(jsonOf(local.server.requests.find((r) => r.method === 'POST')!).body);
    expect(body).not.toMatch(/@[A-Za-z]/);
    expect(body).not.toContain('](https://');
  });

  it('fails permanently on bad credentials and on an unknown repository', async () => {
    const bad = await rejectionOf(tracker({ token: 'wrong' }).create(item, context));
    expect(bad.code).toBe('DELIVERY_FAILED');
    expect(bad.details).toMatchObject({ target: 'github', status: 401, permanent: true });
    const missing = await rejectionOf(tracker({ repo: 'acme/nope' }).create(item, context));
    expect(missing.details).toMatchObject({ status: 404, permanent: true });
  });

  it('asks for the delay GitHub names on 429 and on an exhausted rate limit, and retries 5xx', async () => {
    local.server.inject(
      { status: 429, headers: { 'retry-after': '7' }, body: { message: 'secondary rate limit' } },
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) },
        body: { message: 'API rate limit exceeded' },
      },
      { status: 502, body: 'Bad Gateway' },
    );
    const t = tracker();
    const first = await rejectionOf(t.create(item, context));
    expect(first.details).toMatchObject({ status: 429, retryAfterMs: 7_000 });
    expect(first.details).not.toHaveProperty('permanent');
    const second = await rejectionOf(t.create(item, context));
    expect(second.details).toMatchObject({ status: 403, retryAfterMs: 90_000 });
    const third = await rejectionOf(t.create(item, context));
    expect(third.details).toMatchObject({ status: 502 });
    expect(third.details).not.toHaveProperty('permanent');
    expect(local.vendor.issues.size).toBe(0);
    await t.create(item, context);
    expect(local.vendor.issues.size).toBe(1);
  });

  it('finds the issue a create whose answer was lost left behind, instead of opening a second', async () => {
    const t = tracker();
    local.server.loseAnswers(1, (r) => r.method === 'POST');
    const lost = await rejectionOf(t.create(item, context));
    expect(lost.details).not.toHaveProperty('permanent');
    expect(local.vendor.issues.size).toBe(1);
    const ref = await t.create(item, context);
    expect(local.vendor.issues.size).toBe(1);
    expect(ref.key).toBe('acme/platform#1');
    // The same item of another incident is another issue.
    await t.create(item, { ...context, incidentId: 'INC-43' });
    expect(local.vendor.issues.size).toBe(2);
  });

  it('rejects malformed options and refs of another repository, naming the field', async () => {
    expect(errorOf(() => githubIssuesTracker({ repo: 'acme', token: 'x' })).issues[0]?.path).toBe(
      'options.repo',
    );
    expect(errorOf(() => githubIssuesTracker({ repo: 'a/b', token: '' })).issues[0]?.path).toBe(
      'options.token',
    );
    const error = await rejectionOf(tracker().status({ tracker: 'github', key: 'other/repo#1' }));
    expect(error.issues[0]?.path).toBe('ref.key');
  });
});
