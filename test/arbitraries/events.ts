import fc from 'fast-check';
import type { DeclareInput, Impact, IncidentEventInput } from '../../src/index.js';

/** The base time of generated logs: 2026-11-24T09:00:00Z. */
export const T0 = Date.UTC(2026, 10, 24, 9);
const MINUTE = 60_000;

export const severityArb = fc.constantFrom('SEV1', 'SEV2', 'SEV3', 'SEV4', 'P0', 'P2', 'sev3');
/** A severity a policy does not know, for rejections. */
const badSeverityArb = fc.constantFrom('SEV9', 'critical', '');
export const roleArb = fc.constantFrom('commander', 'commsLead', 'techLead', 'scribe');
export const personArb = fc.constantFrom('alice', 'bob', 'carol', 'dmitri');
const itemIdArb = fc.constantFrom('act_a', 'act_b', 'act_c');

/** Impacts, including the empty one (uncertain) and host attributes. */
export const impactArb: fc.Arbitrary<Impact> = fc.record(
  {
    usersAffectedPct: fc.double({ min: 0, max: 100, noNaN: true }),
    customerFacing: fc.boolean(),
    coreFunctionalityDown: fc.boolean(),
    degraded: fc.boolean(),
    dataLoss: fc.boolean(),
    securityBreach: fc.boolean(),
    regions: fc.array(fc.constantFrom('eu-west-1', 'us-east-1', 'ap-south-1'), { maxLength: 3 }),
    revenueImpact: fc.integer({ min: 0, max: 1_000_000 }),
    attributes: fc.dictionary(
      fc.constantFrom('tier', 'region', 'sla'),
      fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()),
      {
        maxKeys: 2,
      },
    ),
  },
  { requiredKeys: [] },
);

export const declareArb: fc.Arbitrary<DeclareInput> = fc.record(
  {
    incidentId: fc.constant('INC-1'),
    title: fc.constantFrom('Checkout errors', 'DB failover', 'Login latency'),
    at: fc.constant(T0),
    startedAt: fc.integer({ min: T0 - 60 * MINUTE, max: T0 }),
    severity: severityArb,
    impact: impactArb,
    source: fc.constantFrom('monitoring', 'customer', 'internal'),
    drill: fc.boolean(),
  },
  { requiredKeys: ['incidentId', 'title', 'at'] },
);

type Payload = {
  [K in IncidentEventInput['type']]: Omit<Extract<IncidentEventInput, { type: K }>, 'at' | 'id' | 'by'>;
}[IncidentEventInput['type']];

const advance = fc.constantFrom<Payload>(
  { type: 'ACKNOWLEDGE' },
  { type: 'MITIGATE', summary: 'rolled back' },
  { type: 'RESOLVE', summary: 'fixed the pool size' },
  { type: 'CLOSE' },
  { type: 'PUBLISH_POSTMORTEM' },
);

/** One event payload (no time, id or actor yet), biased towards the ones that move the lifecycle. */
export const payloadArb: fc.Arbitrary<Payload> = fc.oneof(
  { weight: 30, arbitrary: advance },
  { weight: 12, arbitrary: severityArb.map((severity): Payload => ({ type: 'TRIAGE', severity })) },
  {
    weight: 18,
    arbitrary: fc
      .record({ role: roleArb, assignee: personArb })
      .map((p): Payload => ({ type: 'ASSIGN_ROLE', ...p })),
  },
  { weight: 2, arbitrary: roleArb.map((role): Payload => ({ type: 'UNASSIGN_ROLE', role })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        severity: fc.oneof(severityArb, badSeverityArb),
        reason: fc.constantFrom('fewer users', 'spreading'),
      })
      .map((p): Payload => ({ type: 'SET_SEVERITY', ...p })),
  },
  { weight: 2, arbitrary: impactArb.map((impact): Payload => ({ type: 'UPDATE_IMPACT', impact })) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('responders', 'stakeholders', 'public')
      .map((audience): Payload => ({ type: 'POST_UPDATE', audience, message: 'still investigating' })),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('note', 'decision')
      .map((kind): Payload => ({ type: 'NOTE', text: 'roll back v41', kind: kind as 'note' | 'decision' })),
  },
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          id: itemIdArb,
          owner: personArb,
          dueAt: fc.constant(T0 + 14 * 24 * 60 * MINUTE),
          kind: fc.constantFrom('prevent', 'detect'),
        },
        { requiredKeys: [] },
      )
      .map(
        (item): Payload => ({
          type: 'ADD_ACTION_ITEM',
          item: { title: 'Add a canary stage', ...(item as object) } as never,
        }),
      ),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({
        itemId: itemIdArb,
        changes: fc.record(
          {
            owner: personArb,
            dueAt: fc.constant(T0 + 7 * 24 * 60 * MINUTE),
            status: fc.constantFrom('open', 'done', 'wontfix'),
          },
          { requiredKeys: [] },
        ),
      })
      .map((p): Payload => ({ type: 'UPDATE_ACTION_ITEM', itemId: p.itemId, changes: p.changes as never })),
  },
  { weight: 3, arbitrary: fc.constant<Payload>({ type: 'REOPEN', reason: 'errors are back' }) },
  {
    // `to` is minutes relative to the step's clock here; eventLogArb makes it a time.
    weight: 3,
    arbitrary: fc
      .record({
        milestone: fc.constantFrom(
          'startedAt',
          'detectedAt',
          'acknowledgedAt',
          'triagedAt',
          'mitigatedAt',
          'resolvedAt',
          'reviewedAt',
          'closedAt',
        ),
        to: fc.integer({ min: -240, max: 30 }),
      })
      .map(
        (p): Payload => ({
          type: 'AMEND_MILESTONE',
          milestone: p.milestone,
          to: p.to,
          reason: 'clock was wrong',
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Payload>(
      { type: 'CANCEL', reason: 'false-alarm' },
      { type: 'CANCEL', reason: 'duplicate', duplicateOf: 'INC-0' },
    ),
  },
);

/** `value` once in `1 + odds` draws, otherwise null. */
function rarely<T>(value: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: odds, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
}

/** A step of a generated log: a payload, a time offset and (sometimes) a repeated id. */
const stepArb = fc.record({
  payload: payloadArb,
  // Mostly forwards in time; sometimes backwards, to exercise OUT_OF_ORDER.
  deltaMinutes: fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 0, max: 90 }) },
    { weight: 1, arbitrary: fc.integer({ min: -120, max: -1 }) },
  ),
  reuseId: rarely(fc.integer({ min: 0, max: 5 }), 12),
  by: rarely(personArb, 1),
  invalid: rarely(fc.constantFrom('at-no-offset', 'negative-at', 'unknown-field', 'empty-type'), 30),
});

/**
 * A log of raw events as a host might send them: mostly valid, with invalid, duplicated and
 * out-of-order events mixed in. The first is always a valid DECLARE.
 */
export const eventLogArb: fc.Arbitrary<IncidentEventInput[]> = fc
  .tuple(declareArb, fc.array(stepArb, { minLength: 0, maxLength: 80, size: 'max' }))
  .map(([declare, steps]) => {
    const events: IncidentEventInput[] = [{ type: 'DECLARE', id: 'e0', ...declare }];
    let clock = T0;
    steps.forEach((step, i) => {
      clock = Math.max(T0 - 60 * MINUTE, clock + step.deltaMinutes * MINUTE);
      const id = step.reuseId !== null ? `e${Math.min(step.reuseId, i)}` : `e${i + 1}`;
      let event: Record<string, unknown> = { ...step.payload, id, at: clock };
      if (step.payload.type === 'AMEND_MILESTONE')
        event.to = Math.max(0, clock + (step.payload.to as number) * MINUTE);
      if (step.by !== null) event.by = step.by;
      switch (step.invalid) {
        case 'at-no-offset':
          event.at = '2026-11-24T10:00:00';
          break;
        case 'negative-at':
          event.at = -5;
          break;
        case 'unknown-field':
          event = { ...event, severty: 'SEV1' };
          break;
        case 'empty-type':
          event.type = '';
          break;
        default:
          break;
      }
      events.push(event as IncidentEventInput);
    });
    return events;
  });

/** Fast-check run count for the property suites: ≥ 1000 in `npm test`, raised with FC_RUNS. */
export const RUNS = Math.max(1000, Number(process.env.FC_RUNS ?? 1000));
