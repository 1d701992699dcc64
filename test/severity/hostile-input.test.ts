/**
 * Issue 13 §2 for severity: caller input is read once at the boundary, and whatever a caller hands
 * in (throwing getters, Proxies, revoked Proxies, a list whose length grows, getters that change
 * between reads) only ever yields an IncidentKitError, never a raw TypeError or a hang.
 */
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lifecycle/index.js';
import {
  classify,
  compareSeverity,
  defaultSeverityPolicy,
  defaultSeverityScale,
  defineSeverityPolicy,
  escalationsDue,
  nextUpdateDue,
  overdueUpdates,
  policyForIncident,
  requirementsFor,
  resolvePolicy,
  type SeverityLevel,
  type SeverityPolicyConfig,
  severityKey,
  severityLevel,
} from '../../src/severity/index.js';
import { errorOf, T0 } from '../support.js';

const boom = new Error('trap');

/** A Proxy every one of whose traps throws `boom`. */
function throwingProxy(target: object = {}): object {
  const trap = () => {
    throw boom;
  };
  return new Proxy(target, {
    get: trap,
    has: trap,
    ownKeys: trap,
    getOwnPropertyDescriptor: trap,
    getPrototypeOf: trap,
  });
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** An object with a getter named `key` that throws `boom`. */
function throwingGetter(key: string, rest: Record<string, unknown> = {}): object {
  return Object.defineProperty({ ...rest }, key, {
    enumerable: true,
    get() {
      throw boom;
    },
  });
}

/** An array Proxy whose `length` grows at every read: a loop that re-reads it never ends. */
function growing(item: () => unknown): unknown[] {
  let length = 1;
  return new Proxy([item()], {
    get(target, key, receiver) {
      if (key === 'length') return length++;
      if (typeof key === 'string' && /^\d+$/.test(key)) return item();
      return Reflect.get(target, key, receiver);
    },
  }) as unknown[];
}

function expectUnreadable(fn: () => unknown, path?: string): void {
  const error = errorOf(fn);
  expect(error.code).toBe('INVALID_INPUT');
  if (path !== undefined) expect(error.issues[0]?.path).toBe(path);
}

function expectCause(fn: () => unknown): void {
  const error = errorOf(fn);
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.cause).toBe(boom);
}

const { incident } = declareIncident({
  incidentId: 'INC-1',
  title: 'Checkout errors',
  at: T0,
  severity: 'SEV1',
});

describe('severity entry points fed hostile objects', () => {
  it.each([
    ['classify (impact)', () => classify(throwingGetter('degraded') as never)],
    ['classify (a policy with a throwing getter)', () => classify(throwingGetter('id') as never, {})],
    ['classify (options)', () => classify({}, throwingProxy() as never)],
    ['classify (options.policy)', () => classify({}, throwingGetter('policy') as never)],
    ['compareSeverity (options)', () => compareSeverity('SEV1', 'SEV2', throwingProxy() as never)],
    [
      'compareSeverity (a scale)',
      () => compareSeverity('SEV1', 'SEV2', { scale: [throwingProxy()] as never }),
    ],
    ['defineSeverityPolicy', () => defineSeverityPolicy(throwingGetter('rules') as never)],
    [
      'defineSeverityPolicy (a condition)',
      () => defineSeverityPolicy({ rules: [throwingGetter('when', { id: 'r', severity: 'SEV1' })] as never }),
    ],
    ['resolvePolicy', () => resolvePolicy(throwingProxy() as never)],
    ['requirementsFor (options)', () => requirementsFor('SEV1', throwingProxy() as never)],
    ['severityKey (options)', () => severityKey('SEV1', throwingProxy() as never)],
    ['severityKey (a scale holder)', () => severityKey(throwingProxy() as never, 'SEV1')],
    ['severityLevel (a scale holder)', () => severityLevel(throwingGetter('scale') as never, 'SEV1')],
    ['policyForIncident (incident)', () => policyForIncident(throwingGetter('id') as never)],
    ['policyForIncident (options)', () => policyForIncident(incident, throwingProxy() as never)],
    ['nextUpdateDue (options)', () => nextUpdateDue(incident, throwingGetter('id') as never)],
    ['overdueUpdates (options)', () => overdueUpdates([incident], throwingGetter('now') as never)],
    ['escalationsDue (incidents)', () => escalationsDue(throwingProxy([]) as never, { now: T0 })],
  ])('%s: a throwing read is INVALID_INPUT with the thrown value as its cause', (_label, call) => {
    expectCause(call);
  });

  it.each([
    ['overdueUpdates', () => overdueUpdates(revoked() as never, { now: T0 })],
    ['escalationsDue', () => escalationsDue(revoked() as never, { now: T0 })],
    ['escalationsDue (options)', () => escalationsDue([incident], revoked() as never)],
    ['classify', () => classify(revoked() as never)],
    ['compareSeverity', () => compareSeverity('SEV1', 'SEV2', revoked() as never)],
    ['severityLevel', () => severityLevel(revoked() as never, 'SEV1')],
    ['requirementsFor', () => requirementsFor('SEV1', revoked() as never)],
    ['policyForIncident', () => policyForIncident(revoked() as never)],
    ['nextUpdateDue', () => nextUpdateDue(revoked() as never)],
  ])('%s: a revoked Proxy is INVALID_INPUT, not a TypeError', (_label, call) => {
    expectUnreadable(call);
  });

  it('defineSeverityPolicy and resolvePolicy read a rules list whose length grows once (no hang)', () => {
    const rule = () => ({ id: 'r', severity: 'SEV1', when: { field: 'dataLoss', eq: true } });
    // Read once: one entry, then the length is never asked again.
    expect(defineSeverityPolicy({ rules: growing(rule) as never }).rules).toHaveLength(1);
    expect(resolvePolicy({ rules: growing(rule) as never }).rules).toHaveLength(1);
  });

  it('overdueUpdates and escalationsDue read an incidents list whose length grows once', () => {
    expect(overdueUpdates(growing(() => incident) as never, { now: T0 + 3_600_000 })).toHaveLength(1);
    expect(escalationsDue(growing(() => incident) as never, { now: T0 + 3_600_000 }).length).toBeGreaterThan(
      0,
    );
  });

  it('reads a policy config once: a getter that turns bad after its first read changes nothing', () => {
    let reads = 0;
    const config = {
      id: 'shifty',
      get rules() {
        reads++;
        return reads === 1 ? [{ id: 'r', severity: 'SEV1', when: { field: 'dataLoss', eq: true } }] : 42;
      },
    } as unknown as SeverityPolicyConfig;
    const policy = resolvePolicy(config);
    expect(policy.rules).toHaveLength(1);
    // The hot paths reuse the checked copy: the caller's getter is never read again.
    for (let k = 0; k < 100; k++)
      expect(classify({ dataLoss: true }, { policy: config }).severity).toBe('SEV1');
    expect(requirementsFor('SEV1', { policy: config }).page).toBe('all-hands');
    expect(reads).toBe(1);
  });

  it('keeps nothing of the caller’s objects: a condition changed after defining does not change the policy', () => {
    const when = { field: 'dataLoss', eq: true as boolean };
    const policy = defineSeverityPolicy({ rules: [{ id: 'r', severity: 'SEV1', when }] });
    when.eq = false;
    expect(classify({ dataLoss: true }, { policy }).severity).toBe('SEV1');
    expect(policy.rules[0]!.when).not.toBe(when);
  });

  it('freezes what defineSeverityPolicy returns (and the default policy), all the way down', () => {
    const policy = defineSeverityPolicy({ requirements: { SEV3: { updateEveryMinutes: 120 } } });
    for (const p of [policy, defaultSeverityPolicy]) {
      expect(Object.isFrozen(p)).toBe(true);
      expect(Object.isFrozen(p.rules)).toBe(true);
      expect(Object.isFrozen(p.rules[0]!.when)).toBe(true);
      expect(Object.isFrozen(p.scale[0]!.aliases)).toBe(true);
      expect(Object.isFrozen(p.requirements.SEV1!.requiredRoles)).toBe(true);
    }
    expect(Object.isFrozen(defaultSeverityScale)).toBe(true);
    expect(() => (policy.rules as unknown[]).push({})).toThrow(TypeError);
    // requirementsFor hands out a copy the caller may change.
    const req = requirementsFor('SEV1', { policy });
    req.requiredRoles.push('scribe');
    expect(requirementsFor('SEV1', { policy }).requiredRoles).toEqual(['commander', 'commsLead']);
  });

  it('reads a caller’s scale once and reuses the checked copy per comparison', () => {
    let reads = 0;
    const level = (key: string, rank: number): SeverityLevel => ({
      key,
      rank,
      name: key,
      description: '',
      aliases: [],
    });
    const scale = [level('HIGH', 1), level('LOW', 2)];
    Object.defineProperty(scale, 0, {
      enumerable: true,
      get() {
        reads++;
        return level('HIGH', 1);
      },
    });
    const sorted = ['LOW', 'HIGH', 'LOW', 'HIGH'].sort((a, b) => compareSeverity(a, b, { scale }));
    expect(sorted).toEqual(['HIGH', 'HIGH', 'LOW', 'LOW']);
    expect(reads).toBe(1);
  });

  it('validates arguments instead of throwing TypeError (issue 13 §2)', () => {
    expectUnreadable(() => compareSeverity(1 as never, 2 as never), 'a');
    expectUnreadable(() => severityLevel(undefined as never, 'SEV1' as never));
    expectUnreadable(() => severityKey(10n as never));
    expectUnreadable(
      () =>
        compareSeverity('SEV1', 'SEV2', { scale: [{ key: 'A', rank: Number.NaN, aliases: [] }] as never }),
      'options.scale[0]',
    );
    expectUnreadable(() => requirementsFor(Symbol('s') as never));
    expectUnreadable(() => policyForIncident(incident, null as never), 'options');
    expectUnreadable(
      () => policyForIncident({ id: 'INC-1', policy: { id: 42 } } as never),
      'incident.policy.id',
    );
    expectUnreadable(() => overdueUpdates([incident], null as never), 'options');
    expectUnreadable(() => escalationsDue({ length: 1 } as never, { now: T0 }), 'incidents');
  });

  it('refuses a 1e4-deep array scale or condition without overflowing the stack', () => {
    let deep: unknown = [];
    for (let k = 0; k < 10_000; k++) deep = [deep];
    expectUnreadable(() => compareSeverity('SEV1', 'SEV2', { scale: deep as never }));
    let cond: unknown = { field: 'dataLoss', eq: true };
    for (let k = 0; k < 10_000; k++) cond = { not: cond };
    expectUnreadable(() =>
      defineSeverityPolicy({ rules: [{ id: 'r', severity: 'SEV1', when: cond as never }] }),
    );
  });

  it('refuses a condition holding a class instance or a Proxy that lies about its prototype', () => {
    class Field {
      get field(): string {
        throw boom;
      }
    }
    expectUnreadable(
      () => defineSeverityPolicy({ rules: [{ id: 'r', severity: 'SEV1', when: new Field() as never }] }),
      'policy.rules[0] (r).when',
    );
    // A Proxy that answers "not plain" to the copy and "plain" afterwards: whatever is accepted is
    // rebuilt from the checked fields, so the policy holds none of the caller's objects.
    let asks = 0;
    const liar = new Proxy(
      { field: 'dataLoss', eq: true },
      { getPrototypeOf: () => (asks++ === 0 ? Array.prototype : Object.prototype) },
    );
    const policy = defineSeverityPolicy({ rules: [{ id: 'r', severity: 'SEV1', when: liar as never }] });
    expect(policy.rules[0]!.when).not.toBe(liar);
    expect(policy.rules[0]!.when).toEqual({ field: 'dataLoss', eq: true });
  });
});

describe('a condition built as a DAG (issue 13 §1)', () => {
  it('is counted as written out and refused, reading each shared object once (work counted, not timed)', () => {
    let reads = 0;
    const count =
      <A extends unknown[], R>(trap: (...args: A) => R) =>
      (...args: A): R => {
        reads++;
        return trap(...args);
      };
    const handler: ProxyHandler<object> = {
      get: count(Reflect.get),
      ownKeys: count(Reflect.ownKeys),
      getOwnPropertyDescriptor: count(Reflect.getOwnPropertyDescriptor),
      getPrototypeOf: count(Reflect.getPrototypeOf),
    };
    const counted = (target: object): object => new Proxy(target, handler);
    // Each level shares the one below four ways: 4^14 ≈ 2.7e8 conditions written out, 15 objects.
    let node: object = counted({ field: 'dataLoss', eq: true });
    for (let depth = 0; depth < 14; depth++) node = counted({ any: counted([node, node, node, node]) });
    const error = errorOf(() =>
      defineSeverityPolicy({ rules: [{ id: 'dag', severity: 'SEV1', when: node as never }] }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]).toMatchObject({ path: 'policy.rules[0] (dag).when' });
    expect(error.issues[0]?.message).toMatch(/more than 1000 conditions/);
    // 29 distinct objects, each read once by the copy: a few reads apiece, never per written-out node.
    expect(reads).toBeLessThan(29 * 12);
  });
});

describe('the hot paths take a policy incidentkit returned as it is', () => {
  it('classify, severityLevel, severityKey, requirementsFor and policyForIncident answer as before', () => {
    const policy = defineSeverityPolicy({});
    expect(classify(policy, { dataLoss: true }).severity).toBe('SEV1');
    expect(classify({ dataLoss: true }, { policy }).severity).toBe('SEV1');
    expect(classify(undefined, { dataLoss: true }).severity).toBe('SEV1');
    expect(severityLevel(policy, 'p0')?.key).toBe('SEV1');
    expect(severityLevel('p0', { policy })?.key).toBe('SEV1');
    expect(severityLevel({ scale: policy.scale }, 'P3')?.key).toBe('SEV4');
    expect(severityKey(policy, 'p1', 'event.severity')).toBe('SEV2');
    expect(requirementsFor(policy, 'SEV1').page).toBe('all-hands');
    expect(policyForIncident(incident, { policy })).toBe(policy);
    expect(policyForIncident({ id: 'INC-9' }, { policies: { default: policy } })).toBe(policy);
  });
});
