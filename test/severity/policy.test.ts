import { describe, expect, it } from 'vitest';
import {
  classify,
  compareSeverity,
  declareIncident,
  defaultSeverityPolicy,
  defaultSeverityScale,
  defineSeverityPolicy,
  escalationsDue,
  nextUpdateDue,
  overdueUpdates,
  requirementsFor,
  resolvePolicy,
} from '../../src/index.js';
import { errorOf } from '../errors.js';
import { min, T0, walk } from '../lifecycle/helpers.js';

describe('classify', () => {
  it.each([
    [{ coreFunctionalityDown: true }, 'SEV1', ['sev1-core-down']],
    [{ usersAffectedPct: 50 }, 'SEV1', ['sev1-most-users', 'sev2-many-users', 'sev3-some-users']],
    [{ dataLoss: true }, 'SEV1', ['sev1-data-loss']],
    [{ securityBreach: true }, 'SEV1', ['sev1-security']],
    [
      { customerFacing: true, degraded: true },
      'SEV2',
      ['sev2-customer-degraded', 'sev3-customer-facing', 'sev3-degraded'],
    ],
    [{ usersAffectedPct: 10 }, 'SEV2', ['sev2-many-users', 'sev3-some-users']],
    [{ customerFacing: true }, 'SEV3', ['sev3-customer-facing']],
    [{ usersAffectedPct: 1 }, 'SEV3', ['sev3-some-users']],
    [{ usersAffectedPct: 0.5 }, 'SEV4', []],
    [{ degraded: false }, 'SEV4', []],
  ])('classifies %j as %s, explaining which rules matched', (impact, severity, matched) => {
    const result = classify(defaultSeverityPolicy, impact);
    expect(result.severity).toBe(severity);
    expect(result.matched).toEqual(matched);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('gives the uncertain severity when the impact states nothing (declare high, downgrade later)', () => {
    expect(classify(undefined, {})).toEqual({
      severity: 'SEV2',
      matched: [],
      reasons: ['impact not yet known: declared high, downgrade when known'],
    });
    expect(classify(undefined, { regions: [], attributes: {} }).severity).toBe('SEV2');
  });

  it('says why in words', () => {
    expect(classify(undefined, { coreFunctionalityDown: true }).reasons).toEqual([
      'SEV1: core functionality is down',
    ]);
  });

  it('rejects a malformed impact naming the field', () => {
    expect(errorOf(() => classify(undefined, { usersAffectedPct: 140 }))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'impact.usersAffectedPct' }],
    });
    expect(
      errorOf(() => classify(undefined, { attributes: { __proto__x: 1, constructor: 'x' } } as never)),
    ).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('defineSeverityPolicy', () => {
  it('accepts a policy read from JSON and classifies by host attributes', () => {
    const json = JSON.stringify({
      rules: [
        {
          id: 'gold-down',
          severity: 'P0',
          when: {
            all: [
              { field: 'attributes.tier', eq: 'gold' },
              { field: 'degraded', eq: true },
            ],
          },
        },
        { id: 'eu', severity: 'SEV3', when: { field: 'regions', in: ['eu-west-1'] } },
      ],
      requirements: { SEV3: { updateEveryMinutes: 120 } },
    });
    const policy = defineSeverityPolicy(JSON.parse(json));
    expect(classify(policy, { attributes: { tier: 'gold' }, degraded: true }).severity).toBe('SEV1');
    expect(classify(policy, { regions: ['us-east-1', 'eu-west-1'] }).severity).toBe('SEV3');
    expect(classify(policy, { degraded: true }).severity).toBe('SEV4');
    expect(requirementsFor(policy, 'SEV3')).toMatchObject({
      updateEveryMinutes: 120,
      requiredRoles: ['commander'],
    });
    expect(policy.monotone).toBe(true);
  });

  it('round-trips: a stored policy defines to an equal policy', () => {
    const policy = defineSeverityPolicy({ requirements: { SEV1: { updateEveryMinutes: 10 } } });
    expect(defineSeverityPolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
    expect(defineSeverityPolicy(JSON.parse(JSON.stringify(defaultSeverityPolicy)))).toEqual(
      defaultSeverityPolicy,
    );
    expect(defineSeverityPolicy()).toEqual(defaultSeverityPolicy);
  });

  it('marks a policy using not / ne / lt / lte as not monotone', () => {
    expect(
      defineSeverityPolicy({
        rules: [{ id: 'a', severity: 'SEV3', when: { not: { field: 'degraded', eq: true } } }],
      }).monotone,
    ).toBe(false);
    expect(
      defineSeverityPolicy({
        rules: [{ id: 'b', severity: 'SEV3', when: { field: 'usersAffectedPct', lt: 5 } }],
      }).monotone,
    ).toBe(false);
  });

  it.each([
    [
      { rules: [{ id: 'r1', severity: 'SEV9', when: { field: 'degraded', eq: true } }] },
      'policy.rules[0] (r1).severity',
    ],
    [
      { rules: [{ id: 'r1', severity: 'SEV1', when: { field: 'mood', eq: 'bad' } }] },
      'policy.rules[0] (r1).when.field',
    ],
    [
      { rules: [{ id: 'r1', severity: 'SEV1', when: { field: 'degraded', eq: true, gt: 1 } }] },
      'policy.rules[0] (r1).when',
    ],
    [
      { rules: [{ id: 'r1', severity: 'SEV1', when: { field: 'degraded', gt: 1 } }] },
      'policy.rules[0] (r1).when.gt',
    ],
    [{ rules: [{ id: 'r1', severity: 'SEV1', when: { all: [] } }] }, 'policy.rules[0] (r1).when.all'],
    [
      {
        rules: [
          { id: 'dup', severity: 'SEV1', when: { field: 'dataLoss', eq: true } },
          { id: 'dup', severity: 'SEV2', when: { field: 'degraded', eq: true } },
        ],
      },
      'policy.rules[1] (dup).id',
    ],
    [{ default: 'SEV7' }, 'policy.default'],
    [{ requirements: { SEV1: { page: 'everyone' } } }, 'policy.requirements.SEV1.page'],
    [
      {
        scale: [
          { key: 'HIGH', rank: 1, name: 'High' },
          { key: 'LOW', rank: 1, name: 'Low' },
        ],
      },
      'policy.scale[1]',
    ],
    [{ surprise: true }, 'policy'],
  ])('rejects %j naming %s', (config, path) => {
    const error = errorOf(() => defineSeverityPolicy(config as never));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.issues.map((i) => i.path)).toContain(path);
  });

  it('names the policy: id default, version a stable content hash or as given; a custom scale must name its id', () => {
    expect(defineSeverityPolicy({}).id).toBe('default');
    expect(defineSeverityPolicy({}).version).toBe(defaultSeverityPolicy.version);
    expect(defineSeverityPolicy({ requirements: { SEV3: { updateEveryMinutes: 60 } } }).version).not.toBe(
      defaultSeverityPolicy.version,
    );
    expect(defineSeverityPolicy({ id: 'acme', version: '2026-11' })).toMatchObject({
      id: 'acme',
      version: '2026-11',
    });
    expect(() => defineSeverityPolicy({ scale: [{ key: 'HIGH', rank: 1, name: 'High' }] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        issues: [expect.objectContaining({ path: 'policy.id' })],
      }),
    );
  });

  it('supports a custom scale with its own requirements', () => {
    const policy = defineSeverityPolicy({
      id: 'two-level',
      scale: [
        { key: 'HIGH', rank: 1, name: 'High', aliases: ['H'] },
        { key: 'LOW', rank: 2, name: 'Low' },
      ],
      rules: [{ id: 'down', severity: 'H', when: { field: 'coreFunctionalityDown', eq: true } }],
      requirements: {
        HIGH: { requiredRoles: ['commander'], postmortemRequired: true, updateEveryMinutes: 20 },
      },
    });
    expect(policy.default).toBe('LOW');
    expect(policy.uncertain).toBe('LOW');
    expect(classify(policy, { coreFunctionalityDown: true }).severity).toBe('HIGH');
    expect(requirementsFor(policy, 'h').postmortemRequired).toBe(true);
    expect(resolvePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
  });
});

describe('requirementsFor', () => {
  it('has the defaults of the seeds', () => {
    expect(requirementsFor(undefined, 'SEV1')).toEqual({
      updateEveryMinutes: 15,
      requiredRoles: ['commander', 'commsLead'],
      page: 'all-hands',
      statusPage: true,
      customerComms: true,
      postmortemRequired: true,
      postmortemDueHours: 48,
      ackWithinMinutes: 5,
      mitigateWithinMinutes: 60,
      businessHoursOnly: false,
    });
    expect(requirementsFor(undefined, 'SEV2')).toMatchObject({
      updateEveryMinutes: 30,
      postmortemDueHours: 72,
      page: 'team',
      ackWithinMinutes: 15,
    });
    expect(requirementsFor(undefined, 'SEV3')).toMatchObject({
      requiredRoles: ['commander'],
      page: 'on-call',
      customerComms: false,
      postmortemRequired: false,
    });
    expect(requirementsFor(undefined, 'SEV3').updateEveryMinutes).toBeUndefined();
    expect(requirementsFor(undefined, 'SEV4')).toMatchObject({
      requiredRoles: [],
      page: 'none',
      businessHoursOnly: true,
    });
  });

  it('treats an undefined severity as the uncertain one, and rejects an unknown key', () => {
    expect(requirementsFor(undefined, undefined)).toEqual(requirementsFor(undefined, 'SEV2'));
    expect(errorOf(() => requirementsFor(undefined, 'SEV5'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('returns a copy the caller may change', () => {
    requirementsFor(undefined, 'SEV1').requiredRoles.push('scribe');
    expect(requirementsFor(undefined, 'SEV1').requiredRoles).toEqual(['commander', 'commsLead']);
  });
});

describe('compareSeverity', () => {
  it('sorts the worst first, aliases included, unclassified last', () => {
    expect(['SEV3', undefined, 'SEV1', 'P1', 'SEV4'].sort((a, b) => compareSeverity(a, b))).toEqual([
      'SEV1',
      'P1',
      'SEV3',
      'SEV4',
      undefined,
    ]);
    expect(compareSeverity('SEV1', 'P0')).toBe(0);
    expect(errorOf(() => compareSeverity('SEV1', 'nope', defaultSeverityScale))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('update cadence and escalations', () => {
  const sev1 = () =>
    declareIncident({ incidentId: 'INC-1', title: 'API down', at: T0, severity: 'SEV1' }).incident;

  it('first update due one interval after detection; any POST_UPDATE restarts the clock', () => {
    expect(nextUpdateDue(sev1(), defaultSeverityPolicy)).toBe(min(15));
    const updated = walk(sev1(), [
      { type: 'POST_UPDATE', at: min(12), audience: 'public', message: 'Investigating' },
    ]);
    expect(nextUpdateDue(updated)).toBe(min(27));
    const downgraded = walk(sev1(), [{ type: 'SET_SEVERITY', at: min(1), severity: 'SEV2' }]);
    expect(nextUpdateDue(downgraded)).toBe(min(30));
  });

  it('stops at review and has no cadence for SEV3', () => {
    const { incident } = declareIncident({ title: 'x', at: T0, severity: 'SEV3' });
    expect(nextUpdateDue(incident)).toBeUndefined();
    const review = walk(sev1(), [
      { type: 'ACKNOWLEDGE', at: min(1) },
      { type: 'ASSIGN_ROLE', at: min(1), role: 'commander', assignee: 'a' },
      { type: 'ASSIGN_ROLE', at: min(1), role: 'commsLead', assignee: 'b' },
      { type: 'TRIAGE', at: min(2), severity: 'SEV1' },
      { type: 'MITIGATE', at: min(3) },
      { type: 'RESOLVE', at: min(4) },
    ]);
    expect(nextUpdateDue(review)).toBeUndefined();
  });

  it('lists overdue updates, most overdue first', () => {
    const a = sev1();
    const b = declareIncident({ incidentId: 'INC-2', title: 'y', at: min(5), severity: 'SEV2' }).incident;
    expect(overdueUpdates([a, b], undefined, min(40))).toEqual([
      { incidentId: 'INC-1', dueAt: min(15), overdueByMs: 25 * 60_000 },
      { incidentId: 'INC-2', dueAt: min(35), overdueByMs: 5 * 60_000 },
    ]);
    expect(overdueUpdates([a, b], undefined, min(15))).toEqual([]);
  });

  it('reports missed acknowledgement and mitigation deadlines and missing roles, counted from detection', () => {
    const due = escalationsDue([sev1()], undefined, min(61));
    expect(due).toEqual([
      { incidentId: 'INC-1', kind: 'acknowledge', dueAt: min(5), overdueByMs: 56 * 60_000 },
      {
        incidentId: 'INC-1',
        kind: 'roles',
        dueAt: min(5),
        overdueByMs: 56 * 60_000,
        missingRoles: ['commander', 'commsLead'],
      },
      { incidentId: 'INC-1', kind: 'mitigate', dueAt: min(60), overdueByMs: 60_000 },
    ]);
    const staffed = walk(sev1(), [
      { type: 'ACKNOWLEDGE', at: min(1) },
      { type: 'ASSIGN_ROLE', at: min(1), role: 'commander', assignee: 'a' },
      { type: 'ASSIGN_ROLE', at: min(1), role: 'commsLead', assignee: 'b' },
    ]);
    expect(escalationsDue([staffed], undefined, min(30))).toEqual([]);
  });

  it('reports roles a later escalation requires instead of blocking the lifecycle', () => {
    const { incident } = declareIncident({ incidentId: 'INC-3', title: 'x', at: T0, severity: 'SEV4' });
    const escalated = walk(incident, [
      { type: 'ACKNOWLEDGE', at: min(1) },
      { type: 'TRIAGE', at: min(2), severity: 'SEV4' },
      { type: 'SET_SEVERITY', at: min(3), severity: 'SEV1', reason: 'spreading' },
    ]);
    expect(
      escalationsDue([escalated], undefined, min(10)).find((e) => e.kind === 'roles')?.missingRoles,
    ).toEqual(['commander', 'commsLead']);
  });

  it('rejects bad arguments with INVALID_INPUT', () => {
    expect(errorOf(() => overdueUpdates('nope' as never, undefined, 0))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(errorOf(() => escalationsDue([sev1()], undefined, '2026-11-24T10:00'))).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'now' }],
    });
  });
});
