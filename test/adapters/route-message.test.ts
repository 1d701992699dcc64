import { describe, expect, it } from 'vitest';
import { type NotifierRoute, routeMessage } from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';
import { errorOf } from '../errors.js';
import {
  countingObject,
  growingArray,
  revokedProxy,
  sparseArray,
  throwingGetters,
  throwingProxy,
} from './hostile.js';

const notifiers = ['slack', 'pagerduty', 'statuspage', 'webhook'].map((name) => ({ name }));
const msg = (kind: string, audience: string) => ({ kind, audience }) as unknown as Message;
const sev1 = { id: 'INC-1', severity: 'SEV1', phase: 'triage', page: 'all-hands' } as const;
const sev3 = { id: 'INC-2', severity: 'SEV3', phase: 'triage', page: 'on-call' } as const;
const unclassified = { id: 'INC-3', severity: undefined, phase: 'detect', page: 'team' } as const;

const routes: NotifierRoute[] = [
  { notifier: 'slack', audiences: ['responders', 'stakeholders'] },
  {
    notifier: 'pagerduty',
    kinds: ['initial-notification', 'resolution-notice'],
    severities: ['SEV1', 'SEV2'],
  },
  { notifier: 'pagerduty', pages: ['on-call'], kinds: ['initial-notification'] },
  { notifier: 'statuspage', audiences: ['public'] },
  { notifier: 'nobody-configured-this', audiences: ['responders'] },
];

describe('routeMessage', () => {
  it('sends every message to every notifier when there are no routes', () => {
    const all = ['slack', 'pagerduty', 'statuspage', 'webhook'];
    expect(routeMessage(msg('status-update', 'responders'), sev1, undefined, notifiers)).toEqual(all);
    expect(routeMessage(msg('status-update', 'responders'), sev1, [], notifiers)).toEqual(all);
  });

  it('matches audiences, kinds, severities and paging levels; any route of a notifier may match', () => {
    expect(routeMessage(msg('initial-notification', 'responders'), sev1, routes, notifiers)).toEqual([
      'slack',
      'pagerduty',
    ]);
    expect(routeMessage(msg('initial-notification', 'responders'), sev3, routes, notifiers)).toEqual([
      'slack',
      'pagerduty',
    ]);
    expect(routeMessage(msg('resolution-notice', 'responders'), sev3, routes, notifiers)).toEqual(['slack']);
    expect(routeMessage(msg('status-page-update', 'public'), sev1, routes, notifiers)).toEqual([
      'statuspage',
    ]);
  });

  it('matches a severity route only for an incident that has one of those severities', () => {
    expect(routeMessage(msg('resolution-notice', 'responders'), unclassified, routes, notifiers)).toEqual([
      'slack',
    ]);
  });

  it('ignores routes to notifiers that are not configured, and keeps the notifiers order', () => {
    const reversed = [...notifiers].reverse();
    expect(routeMessage(msg('initial-notification', 'responders'), sev1, routes, reversed)).toEqual([
      'pagerduty',
      'slack',
    ]);
  });
});

describe('routeMessage refuses hostile arguments', () => {
  const status = msg('status-update', 'responders');

  it('reads a route list whose length grows once, so it ends', () => {
    const { proxy, reads } = growingArray<NotifierRoute>([{ notifier: 'slack' }], () => ({
      notifier: 'pagerduty',
    }));
    expect(routeMessage(status, sev1, proxy, notifiers)).toEqual(['slack']);
    expect(reads.length).toBe(1);
    expect(reads.indexes).toBe(1);
  });

  it('reads each field of a route once', () => {
    const route = countingObject({ notifier: 'slack', audiences: ['responders'] });
    expect(routeMessage(status, sev1, [route.value as NotifierRoute], notifiers)).toEqual(['slack']);
    expect(route.reads).toEqual({ notifier: 1, audiences: 1 });
  });

  it('names the argument for a throwing getter, a revoked Proxy or a sparse array, with the cause', () => {
    const thrown = new Error('getter');
    const getter = errorOf(() =>
      routeMessage(status, sev1, [throwingGetters(['notifier'], thrown)] as never, notifiers),
    );
    expect(getter.issues[0]?.path).toBe('routes');
    expect(getter.cause).toBe(thrown);
    expect(
      errorOf(() => routeMessage(revokedProxy() as never, sev1, routes, notifiers)).issues[0]?.path,
    ).toBe('message');
    expect(errorOf(() => routeMessage(status, sev1, sparseArray() as never, notifiers)).issues[0]?.path).toBe(
      'routes',
    );
    expect(errorOf(() => routeMessage(status, sev1, routes, throwingProxy() as never)).issues[0]?.path).toBe(
      'notifiers',
    );
  });

  it('refuses a route with a field it does not know (a typo would otherwise match every message)', () => {
    const typo = [{ notifier: 'pagerduty', severity: ['SEV1'] }] as never;
    expect(errorOf(() => routeMessage(status, sev3, typo, notifiers)).issues[0]?.path).toBe('routes[0]');
    const kind = [{ notifier: 'pagerduty', kinds: ['constructor'] }] as never;
    expect(errorOf(() => routeMessage(status, sev3, kind, notifiers)).issues[0]?.path).toBe(
      'routes[0].kinds[0]',
    );
    const page = { ...sev1, page: 'toString' } as never;
    expect(errorOf(() => routeMessage(status, page, routes, notifiers)).issues[0]?.path).toBe(
      'incident.page',
    );
  });

  it('refuses more than 1,000 routes or notifiers instead of walking them', () => {
    const many = Array.from({ length: 1_001 }, () => ({ notifier: 'slack' }));
    expect(errorOf(() => routeMessage(status, sev1, many, notifiers)).issues[0]?.path).toBe('routes');
    const crowd = Array.from({ length: 1_001 }, (_, i) => ({ name: `n${i}` }));
    expect(errorOf(() => routeMessage(status, sev1, [], crowd)).issues[0]?.path).toBe('notifiers');
  });
});
