import { declareIncident, type Incident } from '../../src/index.js';

import { errorOf, MINUTE, min, T0, walk } from '../support.js';

export { MINUTE, min, T0, walk };
export const iso = (n: number) => new Date(min(n)).toISOString();

/**
 * A realistic SEV1, declared at T0 (impact from T0−6 min), at every stage of its life: the
 * returned object maps a stage name to the incident right after it.
 */
export function sev1Stages() {
  const { incident: declared } = declareIncident({
    incidentId: 'INC-2041',
    title: 'Checkout API returning 502s',
    summary: 'Customers cannot complete checkout; payment requests time out after 30 s.',
    at: T0,
    startedAt: min(-6),
    impact: {
      coreFunctionalityDown: true,
      customerFacing: true,
      usersAffectedPct: 62,
      regions: ['eu-west-1'],
    },
    source: 'monitoring',
    services: ['checkout-api', 'payments'],
    category: 'deploy-regression',
  });
  const mitigating = walk(declared, [
    { type: 'ACKNOWLEDGE', at: min(2), by: 'alice' },
    { type: 'ASSIGN_ROLE', at: min(3), role: 'commander', assignee: 'Alice Chen' },
    { type: 'ASSIGN_ROLE', at: min(3), role: 'commsLead', assignee: 'Bob Okafor' },
    { type: 'TRIAGE', at: min(5), severity: 'SEV1' },
    { type: 'NOTE', at: min(12), text: 'Roll back release 2026.11.24-3', kind: 'decision', by: 'Alice Chen' },
    { type: 'NOTE', at: min(13), text: 'Bob thinks the pool config is wrong', by: 'Dmitri' },
    { type: 'POST_UPDATE', at: min(15), audience: 'stakeholders', message: 'Rolling back.' },
  ]);
  const monitoring = walk(mitigating, [
    { type: 'MITIGATE', at: min(21), summary: 'Rolled back release 2026.11.24-3' },
  ]);
  const resolved = walk(monitoring, [
    {
      type: 'RESOLVE',
      at: min(79),
      summary: 'Restored the connection-pool limit and added an alert on pool saturation',
    },
  ]);
  const published = walk(resolved, [
    {
      type: 'ADD_ACTION_ITEM',
      at: min(90),
      item: {
        id: 'act_canary',
        title: 'Add a canary stage for checkout-api',
        owner: 'carol',
        dueAt: min(60 * 24 * 14),
        kind: 'prevent',
      },
    },
    {
      type: 'ADD_ACTION_ITEM',
      at: min(91),
      item: {
        id: 'act_alert',
        title: 'Alert on pool saturation',
        owner: 'dmitri',
        dueAt: min(60 * 24 * 7),
        kind: 'detect',
      },
    },
    { type: 'UPDATE_ACTION_ITEM', at: min(95), itemId: 'act_alert', changes: { status: 'done' } },
    { type: 'PUBLISH_POSTMORTEM', at: min(60 * 26), url: 'https://wiki.example.com/pm/INC-2041' },
  ]);
  const closed = walk(published, [{ type: 'CLOSE', at: min(60 * 27) }]);
  return { declared, mitigating, monitoring, resolved, published, closed };
}

/** A SEV3 (no update cadence, no postmortem required) walked to `review`. */
export function sev3Resolved(): Incident {
  const { incident } = declareIncident({
    incidentId: 'INC-7',
    title: 'Search results stale',
    at: T0,
    severity: 'SEV3',
    services: ['search'],
  });
  return walk(incident, [
    { type: 'ACKNOWLEDGE', at: min(5) },
    { type: 'ASSIGN_ROLE', at: min(6), role: 'commander', assignee: 'erin' },
    { type: 'TRIAGE', at: min(7), severity: 'SEV3' },
    { type: 'MITIGATE', at: min(40) },
    { type: 'RESOLVE', at: min(185), summary: 'Reindexed the catalogue' },
  ]);
}

/** Runs `fn` and returns the IncidentKitError it threw (fails the test otherwise): `errorOf`. */
export const kitError = errorOf;
