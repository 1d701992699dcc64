import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIncidentApi } from '../../examples/http-api.js';

const SECRET = 'whsec_example';
const server = createIncidentApi({ alertSecret: SECRET });
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The fields of the service's answers these tests read (incidents, errors, metrics, alert results). */
interface Answer {
  readonly id: string;
  readonly title?: string;
  readonly severity?: string;
  readonly roles?: Record<string, string>;
  readonly services?: string[];
  readonly name?: string;
  readonly code?: string;
  readonly issues: { readonly path: string }[];
  readonly mttr: { readonly count: number; readonly definition: string };
  readonly results: { readonly action: string; readonly incidentId: string }[];
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer,
  };
}

const declare = (headers: Record<string, string> = {}) =>
  call(
    'POST',
    '/incidents',
    { title: 'Checkout API returning 502s', impact: { customerFacing: true, degraded: true } },
    headers,
  );

describe('examples/http-api.ts', () => {
  it('declares with 201, a Location and an ETag, and classifies the impact by policy', async () => {
    const { status, headers, body } = await declare();
    expect(status).toBe(201);
    expect(headers.get('etag')).toBe('"v1"');
    expect(headers.get('location')).toBe(`/incidents/${body.id}`);
    expect(body.severity).toBe('SEV2');
    expect((await call('GET', `/incidents/${body.id}`)).body.title).toBe('Checkout API returning 502s');
  });

  it('applies a retried request with the same Idempotency-Key once and answers with the first result', async () => {
    const first = await declare({ 'idempotency-key': 'req-7f3a-declare' });
    const retry = await declare({ 'idempotency-key': 'req-7f3a-declare' });
    expect(retry.body.id).toBe(first.body.id);
    const note = { by: 'alice' };
    const ack = await call('POST', `/incidents/${first.body.id}/acknowledge`, note, {
      'idempotency-key': 'req-7f3a-ack',
    });
    const again = await call('POST', `/incidents/${first.body.id}/acknowledge`, note, {
      'idempotency-key': 'req-7f3a-ack',
    });
    expect([ack.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('etag')).toBe('"v2"');
  });

  it('answers 400 with the IncidentKitError issues naming the field', async () => {
    const { status, body } = await call('POST', '/incidents', { title: 42 });
    expect(status).toBe(400);
    expect(body.name).toBe('IncidentKitError');
    expect(body.code).toBe('INVALID_INPUT');
    expect(body.issues[0]?.path).toContain('title');
    expect((await call('POST', '/incidents', '{not json')).body.issues[0]?.path).toBe('body');
  });

  it('honours If-Match: applies at the version the client saw, 412 with the current ETag once it moved on', async () => {
    const { body: incident } = await declare();
    const ok = await call(
      'POST',
      `/incidents/${incident.id}/acknowledge`,
      { by: 'alice' },
      { 'if-match': '"v1"' },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"v2"');
    const stale = await call(
      'POST',
      `/incidents/${incident.id}/assign-role`,
      { role: 'commander', assignee: 'bob' },
      { 'if-match': '"v1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"v2"');
    expect((await call('GET', `/incidents/${incident.id}`)).body.roles).toEqual({});
    expect(
      (await call('POST', `/incidents/${incident.id}/acknowledge`, {}, { 'if-match': 'v2' })).status,
    ).toBe(400);
  });

  it('answers 409 when the lifecycle or the policy refuses the command, and 404 for an unknown incident', async () => {
    const { body: incident } = await declare();
    const triage = await call('POST', `/incidents/${incident.id}/triage`, { severity: 'SEV2' });
    expect(triage.status).toBe(409);
    expect(triage.body.code).toBe('INVALID_TRANSITION');
    await call('POST', `/incidents/${incident.id}/acknowledge`, {});
    const guarded = await call('POST', `/incidents/${incident.id}/triage`, { severity: 'SEV2' });
    expect(guarded.status).toBe(409);
    expect(guarded.body.code).toBe('GUARD_REJECTED');
    expect((await call('GET', '/incidents/inc_doesnotexist')).status).toBe(404);
  });

  it('runs an incident to resolved over HTTP and reports it in /metrics', async () => {
    const { body: incident } = await declare();
    const id = incident.id;
    for (const [command, body] of [
      ['acknowledge', { by: 'alice' }],
      ['assign-role', { role: 'commander', assignee: 'alice' }],
      ['assign-role', { role: 'commsLead', assignee: 'bob' }],
      ['triage', { severity: 'SEV2' }],
      ['updates', { audience: 'stakeholders', message: 'Rolling back.' }],
      ['mitigate', { summary: 'Rolled back' }],
      ['resolve', { summary: 'Fixed' }],
    ] as const) {
      expect((await call('POST', `/incidents/${id}/${command}`, body)).status, command).toBe(200);
    }
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body.mttr.count).toBeGreaterThanOrEqual(1);
    expect(metrics.body.mttr.definition).toMatch(/^mttr\[/);
  });

  it('declares from a signed Alertmanager webhook and refuses an unsigned or tampered one with 401', async () => {
    const alert = JSON.stringify({
      version: '4',
      status: 'firing',
      receiver: 'incidentkit',
      groupKey: '{}:{alertname="SearchLatency"}',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'SearchLatency', service: 'search' },
          annotations: { summary: 'Search p99 above 2 s' },
          startsAt: new Date().toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: 'ab12cd34ef56ab78',
        },
      ],
    });
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', SECRET).update(`${t}.${alert}`).digest('hex');
    const signed = { 'incidentkit-signature': `t=${t},v1=${v1}` };
    expect((await call('POST', '/alerts/alertmanager', alert)).status).toBe(401);
    expect((await call('POST', '/alerts/alertmanager', alert.replace('2 s', '9 s'), signed)).status).toBe(
      401,
    );
    const accepted = await call('POST', '/alerts/alertmanager', alert, signed);
    expect(accepted.status).toBe(202);
    expect(accepted.body.results[0]?.action).toBe('declared');
    const incident = await call('GET', `/incidents/${accepted.body.results[0]?.incidentId}`);
    expect(incident.body.services).toEqual(['search']);
  });
});
