import { describe, expect, it } from 'vitest';
import { fromAlertmanager } from '../../src/adapters/index.js';
import { createIncidentManager } from '../../src/manager/index.js';
import { autoClock, min, rejection } from './helpers.js';

function setup() {
  const clock = autoClock(min(0));
  const manager = createIncidentManager({ clock });
  return { clock, manager };
}

const firing = (at: number, dedupKey = 'fp-1') => ({
  source: 'alertmanager',
  dedupKey,
  status: 'firing' as const,
  title: 'HighErrorRate checkout',
  at,
  labels: { service: 'checkout-api', alertname: 'HighErrorRate' },
});

describe('signal', () => {
  it('declares an incident for a new firing, from the monitoring source with the alert labels', async () => {
    const { manager } = setup();
    const result = await manager.signal(firing(min(0)));
    expect(result.action).toBe('declared');
    expect(result.incident).toMatchObject({
      title: 'HighErrorRate checkout',
      source: 'monitoring',
      services: ['checkout-api'],
      category: 'HighErrorRate',
      phase: 'detect',
    });
  });

  it('keeps a flapping alert one incident: repeats attach, a resolved alert is noted, not resolved', async () => {
    const { manager, clock } = setup();
    const first = await manager.signal(firing(min(0)));
    const actions: string[] = [];
    for (let m = 1; m <= 6; m++) {
      clock.set(min(m));
      const status = m % 2 === 0 ? 'resolved' : 'firing';
      const result = await manager.signal({ ...firing(min(m)), status });
      actions.push(result.action);
      expect(result.incident?.id).toBe(first.incident?.id);
    }
    expect(actions).toEqual(['attached', 'noted', 'attached', 'noted', 'attached', 'noted']);
    expect((await manager.list()).items).toHaveLength(1);
    const incident = await manager.get(first.incident!.id);
    expect(incident.phase).toBe('detect'); // people resolve incidents, alerts do not
    expect(incident.timeline.filter((t) => t.text.startsWith('Alert resolved'))).toHaveLength(3);
    expect(incident.timeline.filter((t) => t.text.startsWith('Alert fired again'))).toHaveLength(3);
  });

  it('a redelivered webhook (same alert state and time) changes nothing', async () => {
    const { manager } = setup();
    const first = await manager.signal(firing(min(0)));
    const again = await manager.signal(firing(min(0)));
    expect(again).toEqual({ action: 'attached', incident: first.incident });
    expect((await manager.get(first.incident!.id)).version).toBe(1);
  });

  it('a firing after the incident closed declares a new one; a resolved alert with nothing open is ignored', async () => {
    const { manager, clock } = setup();
    const first = await manager.signal(firing(min(0)));
    await manager.cancel(first.incident!.id, { reason: 'false-alarm' });
    expect(await manager.signal({ ...firing(min(1)), status: 'resolved' })).toEqual({
      action: 'ignored',
      incident: undefined,
    });
    clock.set(min(2));
    const second = await manager.signal(firing(min(2)));
    expect(second.action).toBe('declared');
    expect(second.incident?.id).not.toBe(first.incident?.id);
    // Different alerts are different incidents.
    expect((await manager.signal(firing(min(2), 'fp-2'))).action).toBe('declared');
  });

  it('replicas receiving the same alert at once make one incident (the dedup index is the store’s)', async () => {
    const { manager } = setup();
    const replicas = Array.from({ length: 6 }, () =>
      createIncidentManager({ store: manager.store, clock: autoClock(min(0)) }),
    );
    const results = await Promise.all(replicas.map((r) => r.signal(firing(min(0)))));
    expect(results.filter((r) => r.action === 'declared')).toHaveLength(1);
    expect(new Set(results.map((r) => r.incident?.id)).size).toBe(1);
    const { items } = await manager.list();
    expect(items).toHaveLength(1);
    expect(items[0]!.version).toBe(1); // the same firing delivered six times: nothing attached
  });

  it('takes what the alert intake parsers produce', async () => {
    const { manager } = setup();
    const [signal] = fromAlertmanager({
      version: '4',
      status: 'firing',
      receiver: 'incidentkit',
      groupKey: '{}:{alertname="HighErrorRate"}',
      groupLabels: { alertname: 'HighErrorRate' },
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example:9093',
      truncatedAlerts: 0,
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'HighErrorRate', service: 'checkout-api', severity: 'critical' },
          annotations: { summary: 'Checkout 5xx above 5%' },
          startsAt: new Date(min(0)).toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus.example:9090/graph',
          fingerprint: 'c6eadffa33fcdf37',
        },
      ],
    });
    const result = await manager.signal(signal);
    expect(result.action).toBe('declared');
  });

  it('rejects a malformed signal naming the field, and writes nothing', async () => {
    const { manager } = setup();
    for (const [bad, path] of [
      [{ ...firing(min(0)), status: 'pending' }, 'signal.status'],
      [{ ...firing(min(0)), dedupKey: '' }, 'signal.dedupKey'],
      [{ ...firing(min(0)), at: '2026-11-24T09:00:00' }, 'signal.at'],
      [{ ...firing(min(0)), colour: 'red' }, 'signal'],
      ['firing', 'signal'],
    ] as const) {
      const error = await rejection(manager.signal(bad));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path).toBe(path);
    }
    expect((await manager.list({ includeDrills: true })).items).toEqual([]);
  });
});
