import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/adapters/index.js';
import { fromAlertmanager } from '../../src/adapters/intake/from-alertmanager.js';
import { fromGrafanaAlert } from '../../src/adapters/intake/from-grafana-alert.js';
import { fromPagerDutyWebhook } from '../../src/adapters/intake/from-pagerduty-webhook.js';
import { verifyPagerDutySignature } from '../../src/adapters/intake/verify-pagerduty-signature.js';
import { LIMITS } from '../../src/internal/limits.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { isIncidentKitError } from '../../src/model/errors.js';
import { errorOf } from '../errors.js';
import { counterIds, testClock } from './helpers.js';
import { alertmanagerFiring, grafanaFiring, pagerDutyEvent } from './intake-fixtures.js';

const RUNS = Number(process.env.FC_RUNS ?? 1000);
const clone = <T>(value: T): T => structuredClone(value);

describe('fromAlertmanager (webhook v4)', () => {
  it('maps each alert to a signal keyed by its fingerprint, timed at startsAt while firing and endsAt once resolved', () => {
    const signals = fromAlertmanager(alertmanagerFiring);
    expect(signals).toEqual([
      {
        source: 'alertmanager',
        dedupKey: '9f3b1c2d4e5f6a7b',
        status: 'firing',
        title: 'Checkout 5xx rate above 5%',
        at: Date.parse('2026-11-24T08:00:12.345Z'),
        labels: { alertname: 'CheckoutErrorRate', team: 'payments', severity: 'page', region: 'eu-west-1' },
      },
      {
        source: 'alertmanager',
        dedupKey: '0a1b2c3d4e5f6071',
        status: 'resolved',
        title: 'CheckoutLatency',
        at: Date.parse('2026-11-24T08:55:00Z'),
        labels: { alertname: 'CheckoutLatency', team: 'payments' },
      },
    ]);
  });

  it('gives the same dedup key to the firing and resolved notifications of one flapping alert', () => {
    const firing = clone(alertmanagerFiring);
    const resolved = clone(alertmanagerFiring);
    resolved.status = 'resolved';
    resolved.alerts[0]!.status = 'resolved';
    resolved.alerts[0]!.endsAt = '2026-11-24T09:10:00+01:00';
    const [a] = fromAlertmanager(firing);
    const [b] = fromAlertmanager(resolved);
    expect(a?.dedupKey).toBe(b?.dedupKey);
    expect(b).toMatchObject({ status: 'resolved', at: Date.parse('2026-11-24T08:10:00Z') });
  });

  it('treats Go’s zero time as no end and falls back to startsAt for a resolved alert without one', () => {
    const payload = clone(alertmanagerFiring);
    payload.alerts[1]!.endsAt = '0001-01-01T00:00:00Z';
    expect(fromAlertmanager(payload)[1]?.at).toBe(Date.parse('2026-11-24T07:40:00Z'));
  });

  it('accepts an empty group and a body without the optional envelope fields', () => {
    expect(fromAlertmanager({ status: 'firing', alerts: [] })).toEqual([]);
  });

  it('titles an alert from its summary, else alertname, else fingerprint, clipped to the title limit', () => {
    const payload = clone(alertmanagerFiring);
    (payload.alerts[0]!.annotations as Record<string, string>).summary = 'x'.repeat(LIMITS.title * 3);
    payload.alerts[1]!.labels = {} as never;
    const [a, b] = fromAlertmanager(payload);
    expect(a?.title).toHaveLength(LIMITS.title);
    expect(b?.title).toBe('alert 0a1b2c3d4e5f6071');
  });

  it.each([
    [
      'alerts[0].fingerprint',
      (p: typeof alertmanagerFiring) => delete (p.alerts[0] as Partial<(typeof p.alerts)[0]>).fingerprint,
    ],
    [
      'alerts[1].status',
      (p: typeof alertmanagerFiring) => Object.assign(p.alerts[1]!, { status: 'pending' }),
    ],
    [
      'alerts[0].startsAt',
      (p: typeof alertmanagerFiring) => Object.assign(p.alerts[0]!, { startsAt: '2026-11-24T09:00:00' }),
    ],
    [
      'alerts[1].endsAt',
      (p: typeof alertmanagerFiring) => Object.assign(p.alerts[1]!, { endsAt: 'yesterday' }),
    ],
    [
      'alerts[0].labels.team',
      (p: typeof alertmanagerFiring) => Object.assign(p.alerts[0]!.labels, { team: 7 }),
    ],
    ['version', (p: typeof alertmanagerFiring) => Object.assign(p, { version: '3' })],
    ['alerts', (p: typeof alertmanagerFiring) => Object.assign(p, { alerts: 'none' })],
  ])('rejects a body with a bad %s, naming the field', (field, spoil) => {
    const payload = clone(alertmanagerFiring);
    spoil(payload);
    const error = errorOf(() => fromAlertmanager(payload));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues.map((i) => i.path)).toContain(`payload.${field}`);
  });
});

describe('fromGrafanaAlert (webhook contact point)', () => {
  it('maps the documented body to signals keyed by fingerprint', () => {
    expect(fromGrafanaAlert(grafanaFiring)).toEqual([
      {
        source: 'grafana',
        dedupKey: 'd41d8cd98f00b204',
        status: 'firing',
        title: 'Order queue above 10k in us-2',
        at: Date.parse('2026-11-24T07:01:00.157Z'),
        labels: { alertname: 'Queue depth', team: 'orders', zone: 'us-2' },
      },
    ]);
  });

  it('rejects the legacy (pre-8) alerting body, naming alerts', () => {
    const legacy = {
      title: '[Alerting] CPU',
      ruleId: 1,
      ruleName: 'CPU',
      state: 'alerting',
      evalMatches: [],
    };
    const error = errorOf(() => fromGrafanaAlert(legacy));
    expect(error.issues.map((i) => i.path)).toContain('payload.alerts');
  });

  it('rejects an alert without a fingerprint, naming it', () => {
    const payload = clone(grafanaFiring);
    payload.alerts[0]!.fingerprint = '';
    expect(errorOf(() => fromGrafanaAlert(payload)).issues[0]?.path).toBe('payload.alerts[0].fingerprint');
  });
});

describe('fromPagerDutyWebhook (V3)', () => {
  it('maps incident.triggered to a firing signal keyed by incident_key', () => {
    expect(fromPagerDutyWebhook(pagerDutyEvent('incident.triggered'))).toEqual([
      {
        source: 'pagerduty',
        dedupKey: 'checkout-error-rate',
        status: 'firing',
        title: 'Checkout error rate above 5%',
        at: Date.parse('2026-11-24T09:02:03.456Z'),
        labels: {
          event_type: 'incident.triggered',
          pagerduty_incident: 'PINC123',
          urgency: 'high',
          service: 'Checkout API',
          priority: 'P1',
          html_url: 'https://acme.pagerduty.com/incidents/PINC123',
        },
      },
    ]);
  });

  it('keeps one dedup key through triggered, acknowledged and resolved', () => {
    const [t] = fromPagerDutyWebhook(pagerDutyEvent('incident.triggered'));
    const [a] = fromPagerDutyWebhook(pagerDutyEvent('incident.acknowledged'));
    const [r] = fromPagerDutyWebhook(pagerDutyEvent('incident.resolved'));
    expect([t?.status, a?.status, r?.status]).toEqual(['firing', 'firing', 'resolved']);
    expect(new Set([t?.dedupKey, a?.dedupKey, r?.dedupKey]).size).toBe(1);
  });

  it('falls back to the incident id when there is no incident_key', () => {
    const [signal] = fromPagerDutyWebhook(pagerDutyEvent('incident.triggered', { incident_key: null }));
    expect(signal?.dedupKey).toBe('PINC123');
  });

  it('gives no signal for event types that carry no alert state', () => {
    const note = pagerDutyEvent('incident.annotated');
    note.event.data = { id: 'PNOTE1', type: 'incident_note', content: 'looking' } as never;
    expect(fromPagerDutyWebhook(note)).toEqual([]);
    expect(fromPagerDutyWebhook(pagerDutyEvent('service.updated'))).toEqual([]);
  });

  it.each([
    [
      'event.occurred_at',
      (p: ReturnType<typeof pagerDutyEvent>) => Object.assign(p.event, { occurred_at: 'now' }),
    ],
    ['event.event_type', (p: ReturnType<typeof pagerDutyEvent>) => Object.assign(p.event, { event_type: 3 })],
    ['event.data.id', (p: ReturnType<typeof pagerDutyEvent>) => Object.assign(p.event.data, { id: '' })],
    [
      'event.data.type',
      (p: ReturnType<typeof pagerDutyEvent>) => Object.assign(p.event.data, { type: 'service' }),
    ],
    ['event', (p: ReturnType<typeof pagerDutyEvent>) => Object.assign(p, { event: [] })],
  ])('rejects a body with a bad %s, naming the field', (field, spoil) => {
    const payload = pagerDutyEvent('incident.resolved');
    spoil(payload);
    expect(errorOf(() => fromPagerDutyWebhook(payload)).issues.map((i) => i.path)).toContain(
      `payload.${field}`,
    );
  });
});

describe('intake parsers on arbitrary JSON', () => {
  const parsers = [
    ['fromAlertmanager', fromAlertmanager, alertmanagerFiring],
    ['fromGrafanaAlert', fromGrafanaAlert, grafanaFiring],
    ['fromPagerDutyWebhook', fromPagerDutyWebhook, pagerDutyEvent('incident.triggered')],
  ] as const;

  // Arbitrary JSON, the documented body with any one leaf replaced by arbitrary JSON, and prototype keys.
  const mutate = (base: unknown) =>
    fc
      .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('__proto__', 'constructor', 'labels', 'x'))
      .map(([value, n, key]) => {
        const copy = JSON.parse(JSON.stringify(base)) as unknown;
        const slots: [Record<string, unknown>, string][] = [];
        const walk = (node: unknown) => {
          if (node && typeof node === 'object')
            for (const k of Object.keys(node)) {
              slots.push([node as Record<string, unknown>, k]);
              walk((node as Record<string, unknown>)[k]);
            }
        };
        walk(copy);
        const slot = slots[n % Math.max(1, slots.length)];
        if (slot) slot[0][n % 3 === 0 ? key : slot[1]] = value;
        return JSON.parse(JSON.stringify(copy).replace('"x":', '"__proto__":')) as unknown;
      });

  it.each(parsers)(
    '%s returns signals or throws only IncidentKitError, and never pollutes a prototype',
    (_, parse, base) => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), mutate(base), mutate(base)), (input) => {
          try {
            const signals = parse(input);
            for (const s of signals) {
              // Within the bounds manager.signal accepts.
              expect(s.dedupKey.length).toBeGreaterThan(0);
              expect(s.dedupKey.length).toBeLessThanOrEqual(200);
              expect(s.title.length).toBeGreaterThan(0);
              expect(s.title.length).toBeLessThanOrEqual(LIMITS.title);
              for (const [k, v] of Object.entries(s.labels ?? {})) {
                expect(k.length).toBeLessThanOrEqual(200);
                expect(v.length).toBeLessThanOrEqual(LIMITS.text);
              }
              expect(Number.isInteger(s.at)).toBe(true);
            }
          } catch (error) {
            if (!isIncidentKitError(error, 'INVALID_INPUT')) throw error;
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.prototype).not.toHaveProperty('team');
        }),
        { numRuns: RUNS },
      );
    },
  );
});

describe('intake signals drive the manager through the detect phase', () => {
  it('a firing Alertmanager alert declares one incident, its repeats and its resolution attach to it', async () => {
    const manager = createIncidentManager({ store: memoryStore(), clock: testClock(), ids: counterIds() });
    const [firing] = fromAlertmanager(alertmanagerFiring);
    const declared = await manager.signal(firing);
    expect(declared.action).toBe('declared');
    const repeat = await manager.signal(fromAlertmanager(alertmanagerFiring)[0]);
    expect(repeat).toMatchObject({ action: 'attached', incident: { id: declared.incident?.id } });
    const resolvedBody = structuredClone(alertmanagerFiring);
    resolvedBody.status = 'resolved';
    resolvedBody.alerts[0]!.status = 'resolved';
    resolvedBody.alerts[0]!.endsAt = '2026-11-24T09:20:00+01:00';
    const resolved = await manager.signal(fromAlertmanager(resolvedBody)[0]);
    expect(resolved).toMatchObject({ action: 'noted', incident: { id: declared.incident?.id } });
    expect((await manager.list()).items).toHaveLength(1);
  });

  it('Grafana and PagerDuty signals are accepted by the manager as they come', async () => {
    const manager = createIncidentManager({ store: memoryStore(), clock: testClock(), ids: counterIds() });
    const grafana = await manager.signal(fromGrafanaAlert(grafanaFiring)[0]);
    expect(grafana.action).toBe('declared');
    const triggered = await manager.signal(fromPagerDutyWebhook(pagerDutyEvent('incident.triggered'))[0]);
    const acknowledged = await manager.signal(
      fromPagerDutyWebhook(pagerDutyEvent('incident.acknowledged'))[0],
    );
    const resolved = await manager.signal(fromPagerDutyWebhook(pagerDutyEvent('incident.resolved'))[0]);
    expect([triggered.action, acknowledged.action, resolved.action]).toEqual([
      'declared',
      'attached',
      'noted',
    ]);
    expect((await manager.list()).items).toHaveLength(2);
  });
});

describe('verifyPagerDutySignature', () => {
  const body = JSON.stringify(pagerDutyEvent('incident.triggered'));
  const sign = (secret: string, text = body) =>
    createHmac('sha256', secret).update(text, 'utf8').digest('hex');

  it('accepts a delivery whose v1 signature matches the secret, also among several during a rotation', async () => {
    expect(await verifyPagerDutySignature(body, `v1=${sign('pd-secret')}`, 'pd-secret')).toBe(true);
    const rotating = `v1=${sign('old-secret')},v1=${sign('pd-secret')}`;
    expect(await verifyPagerDutySignature(body, rotating, 'pd-secret')).toBe(true);
  });

  it('rejects a changed body, another secret, another version and a missing or malformed header', async () => {
    const header = `v1=${sign('pd-secret')}`;
    expect(await verifyPagerDutySignature(`${body} `, header, 'pd-secret')).toBe(false);
    expect(await verifyPagerDutySignature(body, header, 'other')).toBe(false);
    expect(await verifyPagerDutySignature(body, `v2=${sign('pd-secret')}`, 'pd-secret')).toBe(false);
    expect(await verifyPagerDutySignature(body, null, 'pd-secret')).toBe(false);
    expect(await verifyPagerDutySignature(body, 'garbage', 'pd-secret')).toBe(false);
    // An empty secret is the receiver's own misconfiguration (an unset variable): an error, not false.
    await expect(verifyPagerDutySignature(body, header, '')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'secret' }],
    });
  });

  it('signs the UTF-8 bytes of the body', async () => {
    const unicode = JSON.stringify({ event: { data: { title: 'Café ☕ down' } } });
    expect(await verifyPagerDutySignature(unicode, `v1=${sign('s', unicode)}`, 's')).toBe(true);
  });
});
