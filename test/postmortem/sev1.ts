/**
 * A realistic SEV1 used across the postmortem tests: a payments API release lowered a connection
 * pool limit, card authorisations failed for most customers, the release was rolled back.
 */
import { applyEvent, declareIncident } from '../../src/lifecycle/index.js';
import type { Incident, IncidentEventInput } from '../../src/model/index.js';
import type { PostmortemInput } from '../../src/postmortem/index.js';

export const T0 = Date.parse('2026-11-24T14:00:00Z');
export const at = (minutes: number) => T0 + minutes * 60_000;

/** Walks the incident from DECLARE to `review` (resolved, action item recorded). */
export function sev1Incident(): Incident {
  let { incident } = declareIncident({
    incidentId: 'INC-4312',
    title: 'Card payments failing at checkout',
    summary: undefined,
    at: at(0),
    startedAt: at(-8),
    source: 'monitoring',
    impact: {
      coreFunctionalityDown: true,
      customerFacing: true,
      usersAffectedPct: 64,
      regions: ['eu-west-1', 'us-east-1'],
    },
    services: ['payments-api', 'checkout-web'],
    category: 'config-regression',
  });
  const steps: IncidentEventInput[] = [
    { type: 'ACKNOWLEDGE', at: at(2), by: 'dana' },
    { type: 'ASSIGN_ROLE', at: at(3), role: 'commander', assignee: 'dana' },
    { type: 'ASSIGN_ROLE', at: at(4), role: 'commsLead', assignee: 'lee' },
    { type: 'ASSIGN_ROLE', at: at(5), role: 'techLead', assignee: 'sam' },
    { type: 'TRIAGE', at: at(6), severity: 'SEV1' },
    {
      type: 'POST_UPDATE',
      at: at(10),
      audience: 'stakeholders',
      message: 'Card payments are failing for most customers; we are investigating.',
      by: 'lee',
    },
    {
      type: 'NOTE',
      at: at(18),
      by: 'sam',
      text: 'Error rate rose with payments-api release 2026.11.24-1 (deployed 13:50 UTC).',
    },
    {
      type: 'NOTE',
      at: at(21),
      by: 'dana',
      kind: 'decision',
      text: 'Roll back payments-api to 2026.11.23-4 instead of fixing forward.',
    },
    { type: 'MITIGATE', at: at(34), by: 'sam', summary: 'Rolled back payments-api to 2026.11.23-4' },
    {
      type: 'RESOLVE',
      at: at(130),
      by: 'sam',
      summary: 'Pool limit restored to 200 and the release re-applied',
    },
    {
      type: 'ADD_ACTION_ITEM',
      at: at(150),
      item: {
        id: 'act_pool_floor',
        title: 'Reject payments-api configs with a connection-pool limit below 100 in the deploy pipeline',
        owner: 'sam',
        dueAt: '2026-12-08T17:00:00Z',
        kind: 'prevent',
      },
    },
  ];
  for (const step of steps) incident = applyEvent(incident, step);
  return incident;
}

/** What the authors wrote for the SEV1. */
export const sev1Input: PostmortemInput = {
  authors: ['dana', 'sam'],
  reviewers: ['priya'],
  impact:
    'For 42 minutes, 64% of card authorisations failed in eu-west-1 and us-east-1; customers saw "Payment declined" at checkout.',
  trigger: 'Release 2026.11.24-1 of payments-api changed the database connection-pool limit from 200 to 20.',
  detection:
    'The authorisation success-rate alert paged the payments on-call eight minutes after the release reached all regions.',
  rootCause: [
    'The connection-pool limit is read from a shared config file whose schema accepts any positive number.',
    'Release 2026.11.24-1 carried a value meant for a staging load test, and nothing in the deploy pipeline compares pool limits with production traffic.',
  ],
  contributingFactors: [
    'The canary stage runs at 1% of traffic, where 20 connections were enough.',
    'The config diff was one line among 300 in a dependency update.',
  ],
  fiveWhys: [
    { question: 'Why did card payments fail?', answer: 'payments-api ran out of database connections.' },
    {
      question: 'Why did it run out?',
      answer: 'The pool limit dropped from 200 to 20 in release 2026.11.24-1.',
    },
    {
      question: 'Why did the release lower it?',
      answer: 'A staging load-test value was committed to the shared config.',
    },
    {
      question: 'Why was it not caught?',
      answer:
        'The config schema accepts any positive pool limit, and the canary traffic was too small to exhaust 20 connections.',
    },
  ],
  wentWell: [
    'The success-rate alert paged within eight minutes.',
    'The rollback took four minutes end to end.',
  ],
  couldImprove: [
    'The first stakeholder update went out ten minutes after declaration.',
    'Finding the release that changed the pool limit took twelve minutes of log searching.',
  ],
  gotLucky: ['The incident started after the European evening peak.'],
  actionItems: [
    {
      id: 'act_auth_alert',
      title: 'Page payments on-call when authorisation success rate drops below 98% for 3 min',
      owner: 'lee',
      dueAt: '2026-12-01T17:00:00Z',
      kind: 'detect',
    },
    {
      id: 'act_canary_load',
      title: 'Run the payments-api canary at 10% of traffic for 15 min',
      owner: 'sam',
      dueAt: '2026-12-15T17:00:00Z',
      kind: 'mitigate',
    },
    {
      id: 'act_config_owner',
      title: 'Give the shared payments config file a CODEOWNERS entry for the payments team',
      owner: 'dana',
      dueAt: '2026-12-03T17:00:00Z',
      kind: 'process',
    },
  ],
  reviewAt: '2026-11-26T15:00:00Z',
  at: '2026-11-25T10:00:00Z',
};

const HOUR = 3_600_000;

/** An incident of `severity` resolved at `resolvedAt`. */
export function resolvedIncident(severity: string, resolvedAt: string | number): Incident {
  const end = typeof resolvedAt === 'number' ? resolvedAt : Date.parse(resolvedAt);
  let { incident } = declareIncident({ title: 'Queue backlog', at: end - 2 * HOUR, severity });
  for (const event of [
    { type: 'ACKNOWLEDGE', at: end - 2 * HOUR } as const,
    { type: 'ASSIGN_ROLE', at: end - 2 * HOUR, role: 'commander', assignee: 'ana' } as const,
    { type: 'ASSIGN_ROLE', at: end - 2 * HOUR, role: 'commsLead', assignee: 'ben' } as const,
    { type: 'TRIAGE', at: end - 2 * HOUR, severity } as const,
    { type: 'MITIGATE', at: end - HOUR } as const,
    { type: 'RESOLVE', at: end } as const,
  ]) {
    incident = applyEvent(incident, event);
  }
  return incident;
}
