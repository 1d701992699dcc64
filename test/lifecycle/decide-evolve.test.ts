import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  applyEvent,
  decide,
  declareIncident,
  defineSeverityPolicy,
  draftPostmortem,
  escalationsDue,
  evolve,
  type IncidentEvent,
  mttr,
  nextUpdateDue,
  overdueUpdates,
  publishPostmortem,
  replay,
  reviewWindow,
  safeDecide,
} from '../../src/index.js';
import { errorOf } from '../errors.js';
import { inReview, min, T0, walk } from './helpers.js';

const stricter = defineSeverityPolicy({
  requirements: { SEV3: { requiredRoles: ['commander', 'scribe'], postmortemRequired: true } },
});

/** A SEV3 incident's log, decided under the default policy, walked to closed. */
function sev3Log(): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  let incident = decide(undefined, {
    type: 'DECLARE',
    id: 'd',
    incidentId: 'INC-3',
    title: 'Slow search',
    at: T0,
    severity: 'SEV3',
  }).incident;
  events.push(
    ...decide(undefined, {
      type: 'DECLARE',
      id: 'd',
      incidentId: 'INC-3',
      title: 'Slow search',
      at: T0,
      severity: 'SEV3',
    }).events,
  );
  for (const input of [
    { type: 'ACKNOWLEDGE', id: 'a', at: min(1) },
    { type: 'ASSIGN_ROLE', id: 'r', at: min(2), role: 'commander', assignee: 'alice' },
    { type: 'TRIAGE', id: 't', at: min(3), severity: 'SEV3' },
    { type: 'MITIGATE', id: 'm', at: min(10) },
    { type: 'RESOLVE', id: 'v', at: min(20) },
    { type: 'CLOSE', id: 'c', at: min(30) },
  ] as const) {
    const decided = decide(incident, input);
    events.push(...decided.events);
    incident = decided.incident;
  }
  return events;
}

describe('decide and evolve: events are facts, decide judges, evolve folds', () => {
  it('replays a log accepted under a policy unchanged after the policy is made stricter', () => {
    const log = sev3Log();
    const before = replay(log);
    expect(before.phase).toBe('closed');
    expect(replay(log, { policy: stricter })).toEqual(before);
    // The same commands decided under the stricter policy are refused where it demands more.
    const triaging = replay(log.slice(0, 3));
    expect(errorOf(() => decide(triaging, log[3]!, { policy: stricter }))).toMatchObject({
      code: 'GUARD_REJECTED',
      details: { requirement: 'requiredRoles', missingRoles: ['scribe'] },
    });
    expect(errorOf(() => decide(replay(log.slice(0, 6)), log[6]!, { policy: stricter }))).toMatchObject({
      code: 'GUARD_REJECTED',
      details: { requirement: 'postmortemRequired' },
    });
  });

  it('writes what the policy derives into the events, so folding needs no policy', () => {
    const { events, incident } = decide(undefined, {
      type: 'DECLARE',
      title: 'Checkout errors',
      at: T0,
      impact: { customerFacing: true, degraded: true },
    });
    expect(events[0]).toMatchObject({ severity: 'SEV2', classified: true, policy: { id: 'default' } });
    expect(incident.policy).toEqual({ id: 'default', version: expect.any(String) });
    const triaged = decide(applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(1) }), {
      type: 'SET_SEVERITY',
      at: min(2),
      severity: 'p0',
    });
    expect(triaged.events[0]).toMatchObject({ severity: 'SEV1' });
    const added = decide(incident, {
      type: 'ADD_ACTION_ITEM',
      id: 'host-7',
      at: min(1),
      item: { title: 'Add a canary' },
    });
    expect(added.events[0]).toMatchObject({ item: { id: expect.stringMatching(/^act_/) } });
    // A retried command with the same event id names the same item and applies once.
    expect(
      decide(added.incident, {
        type: 'ADD_ACTION_ITEM',
        id: 'host-7',
        at: min(1),
        item: { title: 'Add a canary' },
      }),
    ).toEqual({
      events: [],
      incident: added.incident,
    });
  });

  it('still replays a log stored before stamps: a DECLARE without stamp or severity reads as the default policy', () => {
    const legacy = replay([
      { type: 'DECLARE', id: 'e1', incidentId: 'INC-9', title: 'Old', at: T0, impact: { dataLoss: true } },
      { type: 'ACKNOWLEDGE', id: 'e2', at: min(1) },
      { type: 'ADD_ACTION_ITEM', id: 'e3', at: min(2), item: { title: 'Backfill alerts' } },
    ]);
    expect(legacy).toMatchObject({ severity: 'SEV1', policy: { id: 'default' }, phase: 'triage' });
    expect(legacy.actionItems[0]!.id).toBe('act_INC-9_3');
    expect(
      evolve(undefined, { type: 'DECLARE', id: 'e1', incidentId: 'INC-9', title: 'Old', at: T0 }).severity,
    ).toBe('SEV2');
  });

  it('safeDecide returns the error instead of throwing; evolve rejects only what cannot be folded', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const result = safeDecide(incident, { type: 'RESOLVE', at: min(1) });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { allowed: expect.arrayContaining(['ACKNOWLEDGE']) },
      });
    expect(errorOf(() => evolve(incident, { type: 'RESOLVE', id: 'x', at: min(1) }))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(
      errorOf(() => evolve(incident, { type: 'NOTE', id: 'x', at: 'soon', text: 'x' } as never)),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.at' }],
    });
  });
});

describe('policy stamps', () => {
  const custom = defineSeverityPolicy({
    id: 'acme',
    scale: [
      { key: 'P1', rank: 1, name: 'Critical' },
      { key: 'P2', rank: 2, name: 'Major' },
      { key: 'P3', rank: 3, name: 'Minor' },
    ],
  });

  it('stamps the incident with the policy it was declared under, and refuses another policy id', () => {
    const { incident } = declareIncident(
      { incidentId: 'INC-5', title: 'x', at: T0, severity: 'P2' },
      { policy: custom },
    );
    expect(incident).toMatchObject({ severity: 'P2', policy: { id: 'acme', version: custom.version } });
    // Forgetting { policy } no longer turns the custom P2 into the default scale's alias for SEV3.
    const error = errorOf(() => applyEvent(incident, { type: 'SET_SEVERITY', at: min(1), severity: 'P2' }));
    expect(error).toMatchObject({
      code: 'POLICY_MISMATCH',
      details: { expectedPolicyId: 'acme', actualPolicyId: 'default' },
    });
    expect(error.message).toMatch(/declared under policy "acme", not "default"/);
    // A new version of the same policy is fine: new decisions follow its rules.
    const revised = defineSeverityPolicy({ ...custom, version: '2026-12' });
    expect(applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(1) }, { policy: revised }).phase).toBe(
      'triage',
    );
  });

  it('every function that reads a policy for one incident checks the stamp; lists take policies by id', () => {
    const { incident: acme } = declareIncident(
      { incidentId: 'INC-5', title: 'x', at: T0, severity: 'P1' },
      { policy: custom },
    );
    const { incident: plain } = declareIncident({
      incidentId: 'INC-6',
      title: 'y',
      at: T0,
      severity: 'SEV1',
    });
    const resolved = walk(
      acme,
      [
        { type: 'ACKNOWLEDGE', at: min(1) },
        { type: 'TRIAGE', at: min(2), severity: 'P1' },
        { type: 'MITIGATE', at: min(3) },
        { type: 'RESOLVE', at: min(4) },
      ],
      { policy: custom },
    );
    for (const call of [
      () => nextUpdateDue(acme),
      () => reviewWindow(resolved),
      () => draftPostmortem(resolved),
      () => allowedEvents(acme),
      () => overdueUpdates([acme, plain], { now: min(60) }),
    ]) {
      expect(errorOf(call)).toMatchObject({ code: 'POLICY_MISMATCH', details: { expectedPolicyId: 'acme' } });
    }
    expect(reviewWindow(resolved, { policy: custom }).earliest).toBeGreaterThan(min(4));
    const mixed = escalationsDue([acme, plain], { now: min(60), policies: { acme: custom } });
    expect(mixed.map((e) => e.incidentId)).toContain('INC-6');
    // The deprecated positional shape still works.
    expect(overdueUpdates([plain], undefined, min(60))).toEqual(overdueUpdates([plain], { now: min(60) }));
  });
});

describe('idempotency compares content', () => {
  it('replay skips a repeated event and refuses a reused id with other content, naming the id', () => {
    const log: IncidentEvent[] = [
      { type: 'DECLARE', id: 'e1', incidentId: 'INC-1', title: 'x', at: T0, severity: 'SEV3' },
      { type: 'NOTE', id: 'e2', at: min(1), text: 'first' },
    ];
    const reordered = { text: 'first', at: min(1), type: 'NOTE', id: 'e2' } as IncidentEvent;
    expect(replay([...log, reordered])).toEqual(replay(log));
    const error = errorOf(() => replay([...log, { type: 'NOTE', id: 'e2', at: min(2), text: 'second' }]));
    expect(error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', details: { eventId: 'e2' } });
    expect(error.message).toMatch(/^events\[2\]: .*event id e2/);
    // Two commands decided from the same version without ids derive the same id: the second is refused, not dropped.
    const start = replay(log);
    const a = decide(start, { type: 'NOTE', at: min(3), text: 'from replica A' }).events[0]!;
    const b = decide(start, { type: 'NOTE', at: min(3), text: 'from replica B' }).events[0]!;
    expect(a.id).toBe(b.id);
    expect(errorOf(() => replay([...log, a, b]))).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
  });
});

describe('corrections and backfill', () => {
  it('AMEND_MILESTONE corrects impact start once the postmortem finds it earlier, and metrics see it', () => {
    const closed = walk(inReview(), [
      { type: 'PUBLISH_POSTMORTEM', at: min(120) },
      { type: 'CLOSE', at: min(130) },
    ]);
    expect(mttr([closed]).meanMs).toBe(60 * 60_000);
    const amended = applyEvent(closed, {
      type: 'AMEND_MILESTONE',
      at: min(200),
      milestone: 'startedAt',
      to: min(-20),
      reason: 'error graphs show 502s from 08:40',
    });
    expect(amended.phase).toBe('closed');
    expect(amended.milestones.startedAt).toBe(min(-20));
    expect(mttr([amended]).meanMs).toBe(80 * 60_000);
    const entry = amended.timeline.find((e) => e.type === 'AMEND_MILESTONE')!;
    expect(entry).toMatchObject({
      from: new Date(T0).toISOString(),
      to: new Date(min(-20)).toISOString(),
      reason: 'error graphs show 502s from 08:40',
    });
    expect(entry.text).toMatch(/^Corrected impact start: /);
  });

  it('AMEND_MILESTONE fixes an acknowledgement typed a year ahead, but never breaks the chain', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0, severity: 'SEV4' });
    const typo = applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(2 + 365 * 24 * 60) });
    const fixed = applyEvent(typo, {
      type: 'AMEND_MILESTONE',
      at: min(5),
      milestone: 'acknowledgedAt',
      to: min(2),
      reason: 'typed 2027',
    });
    expect(fixed.milestones.acknowledgedAt).toBe(min(2));
    // Now the incident can move on at the real time.
    expect(applyEvent(fixed, { type: 'TRIAGE', at: min(6), severity: 'SEV4' }).phase).toBe('mitigate');
    const error = errorOf(() =>
      applyEvent(fixed, {
        type: 'AMEND_MILESTONE',
        at: min(7),
        milestone: 'acknowledgedAt',
        to: min(-1),
        reason: 'x',
      }),
    );
    expect(error).toMatchObject({
      code: 'OUT_OF_ORDER',
      details: { latestMilestone: 'detectedAt', latestAt: T0, at: min(-1) },
    });
    expect(error.message).toMatch(/not before detectedAt/);
    const triaged = applyEvent(fixed, { type: 'TRIAGE', at: min(6), severity: 'SEV4' });
    const both = errorOf(() =>
      applyEvent(triaged, {
        type: 'AMEND_MILESTONE',
        at: min(7),
        milestone: 'acknowledgedAt',
        to: min(9),
        reason: 'x',
      }),
    );
    expect(both.message).toMatch(/not after triagedAt/);
    expect(
      errorOf(() =>
        applyEvent(fixed, {
          type: 'AMEND_MILESTONE',
          at: min(7),
          milestone: 'resolvedAt',
          to: min(9),
          reason: 'x',
        }),
      ),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.milestone' }],
    });
  });

  it('refuses AMEND_MILESTONE on a cancelled incident', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const cancelled = applyEvent(incident, { type: 'CANCEL', at: min(1), reason: 'false-alarm' });
    expect(
      errorOf(() =>
        applyEvent(cancelled, {
          type: 'AMEND_MILESTONE',
          at: min(2),
          milestone: 'detectedAt',
          to: min(-1),
          reason: 'x',
        }),
      ),
    ).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('refuses an event further ahead of now than the clock skew allows, naming the field', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const options = { now: min(10) };
    expect(applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(14) }, options).phase).toBe('triage');
    expect(errorOf(() => applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(16) }, options))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.at' }],
    });
    expect(
      errorOf(() =>
        applyEvent(incident, { type: 'ACKNOWLEDGE', at: min(12) }, { now: min(10), maxClockSkewMs: 60_000 }),
      ),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(errorOf(() => declareIncident({ title: 'x', at: min(60) }, options))).toMatchObject({
      issues: [{ path: 'event.at' }],
    });
  });
});

describe('smaller holes', () => {
  it('CANCEL as a duplicate needs duplicateOf, not itself; other reasons take none', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const cancel = (extra: object) =>
      errorOf(() => applyEvent(incident, { type: 'CANCEL', at: min(1), ...extra } as never));
    expect(cancel({ reason: 'duplicate' })).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.duplicateOf' }],
    });
    expect(cancel({ reason: 'duplicate', duplicateOf: 'INC-1' })).toMatchObject({
      issues: [{ path: 'event.duplicateOf' }],
    });
    expect(cancel({ reason: 'false-alarm', duplicateOf: 'INC-2' })).toMatchObject({
      issues: [{ path: 'event.duplicateOf' }],
    });
    expect(
      applyEvent(incident, { type: 'CANCEL', at: min(1), reason: 'duplicate', duplicateOf: 'INC-2' }).phase,
    ).toBe('cancelled');
    // Stored logs from before the rule still fold.
    expect(evolve(incident, { type: 'CANCEL', id: 'c', at: min(1), reason: 'duplicate' }).phase).toBe(
      'cancelled',
    );
  });

  it('publishPostmortem returns every event it needs, all or nothing', () => {
    const review = inReview();
    const draft = draftPostmortem(review, {
      rootCause: 'A config change removed the retry budget.',
      actionItems: [
        {
          id: 'act-canary',
          title: 'Add a canary stage to the deploy pipeline',
          owner: 'alice',
          dueAt: min(20_000),
          kind: 'prevent',
        },
      ],
    });
    const published = publishPostmortem(draft, { at: min(200), incident: review, lint: false });
    expect(published.events.map((e) => e.type)).toEqual(['ADD_ACTION_ITEM', 'PUBLISH_POSTMORTEM']);
    expect(published.incident!.actionItems.map((i) => i.id)).toEqual(['act-canary']);
    expect(applyEvent(published.incident!, { type: 'CLOSE', at: min(210) }).phase).toBe('closed');
    expect(replay([...replayLogOf(review), ...(published.events as IncidentEvent[])])).toEqual(
      published.incident,
    );
    // A refused publication returns nothing, so no unowned item is left behind.
    const unowned = draftPostmortem(review, {
      rootCause: 'A config change removed the retry budget.',
      actionItems: [{ id: 'act-x', title: 'Add a canary stage to the deploy pipeline' }],
    });
    expect(errorOf(() => publishPostmortem(unowned, { at: min(200), incident: review }))).toMatchObject({
      code: 'GUARD_REJECTED',
    });
  });

  it('declares a 250-character alert summary, and reports an over-long title once', () => {
    const title = 'x'.repeat(250);
    expect(declareIncident({ title, at: T0 }).incident.title).toBe(title);
    const error = errorOf(() => declareIncident({ title: 'x'.repeat(501), at: T0 }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe('event.title');
    // An id over both the id bound (160) and the incident-id bound (128) gets one issue, not two.
    expect(
      errorOf(() => declareIncident({ incidentId: 'a'.repeat(200), title: 'x', at: T0 })).issues,
    ).toEqual([{ path: 'event.incidentId', message: 'must be at most 128 characters' }]);
  });

  it('refuses a postmortem URL that is not http or https', () => {
    const review = inReview();
    expect(
      errorOf(() =>
        applyEvent(review, { type: 'PUBLISH_POSTMORTEM', at: min(70), url: 'javascript:alert(1)' }),
      ),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'event.url' }],
    });
  });
});

/** The events that rebuild an incident: its timeline's events, as decided (tests only need the inReview walk). */
function replayLogOf(incident: ReturnType<typeof inReview>): IncidentEvent[] {
  const { events: declared } = decide(undefined, {
    type: 'DECLARE',
    incidentId: 'INC-42',
    title: 'Checkout errors',
    at: T0,
    severity: 'SEV2',
  });
  let current = decide(undefined, declared[0]!).incident;
  const log: IncidentEvent[] = [...declared];
  for (const input of [
    { type: 'ACKNOWLEDGE', at: min(2), by: 'alice' },
    { type: 'ASSIGN_ROLE', at: min(3), role: 'commander', assignee: 'alice' },
    { type: 'ASSIGN_ROLE', at: min(3), role: 'commsLead', assignee: 'bob' },
    { type: 'TRIAGE', at: min(5), severity: 'SEV2' },
    { type: 'MITIGATE', at: min(20), summary: 'rolled back' },
    { type: 'RESOLVE', at: min(60), summary: 'pool size restored' },
  ] as const) {
    const decided = decide(current, input);
    log.push(...decided.events);
    current = decided.incident;
  }
  expect(current).toEqual(incident);
  return log;
}

describe('a fold does not depend on JSON key order', () => {
  it('words an impact update the same whatever order its attributes were stored in', () => {
    const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
    const a = applyEvent(incident, {
      type: 'UPDATE_IMPACT',
      id: 'u',
      at: min(1),
      impact: { attributes: { tier: 'gold', region: 'eu' } },
    });
    const b = applyEvent(incident, {
      type: 'UPDATE_IMPACT',
      id: 'u',
      at: min(1),
      impact: { attributes: { region: 'eu', tier: 'gold' } },
    });
    expect(a.timeline.at(-1)).toEqual(b.timeline.at(-1));
    // …and the reordered event is a repeat of the first, not a different one.
    expect(
      applyEvent(a, {
        type: 'UPDATE_IMPACT',
        id: 'u',
        at: min(1),
        impact: { attributes: { region: 'eu', tier: 'gold' } },
      }),
    ).toBe(a);
  });
});
