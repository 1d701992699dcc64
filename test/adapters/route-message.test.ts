import { describe, expect, it } from 'vitest';
import { type NotifierRoute, routeMessage } from '../../src/adapters/index.js';
import type { Message } from '../../src/comms/index.js';

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
