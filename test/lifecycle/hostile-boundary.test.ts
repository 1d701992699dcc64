import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  applyEvent,
  createIncidentMachine,
  declareIncident,
  derivedEventId,
  IncidentKitError,
  invalidInput,
  isIncidentKitError,
  newId,
  replay,
} from '../../src/index.js';
import { errorOf } from '../errors.js';
import { T0 } from './helpers.js';

const { incident } = declareIncident({ incidentId: 'INC-1', title: 'x', at: T0 });
const note = (id: string, at = T0 + 1) => ({ type: 'NOTE', id, at, text: 'x' }) as const;

/** The first cause down the chain that is not an IncidentKitError (context wrappers keep the original as cause). */
function rootCause(error: unknown): unknown {
  let cause = error;
  while (isIncidentKitError(cause)) cause = cause.cause;
  return cause;
}

function sparse(length: number): unknown[] {
  const list: unknown[] = [];
  list.length = length;
  return list;
}

describe('the XState actor ignores malformed events', () => {
  // Not covered, and not coverable from the machine: `send(null)` and a Proxy that throws on `type`
  // fail inside XState's own actor (it reads `event.type` after the transition, outside its try),
  // before or after anything incidentkit can see.
  it.each([
    ['a numeric type', { type: 42 }],
    ['no type', { at: T0 + 1 }],
    ['a string', 'ACKNOWLEDGE'],
    [
      'a getter whose type changes between reads',
      (() => {
        let reads = 0;
        return {
          get type() {
            reads++;
            return reads === 1 ? 'ACKNOWLEDGE' : 42;
          },
          at: T0 + 1,
        };
      })(),
    ],
  ])('%s as the event leaves it running (XState reads type first)', (_name, event) => {
    const actor = createActor(createIncidentMachine(), {
      input: { type: 'DECLARE', incidentId: 'INC-1', title: 'x', at: T0 },
    } as never);
    actor.start();
    try {
      actor.send(event as never);
    } catch {
      // XState's own send() refuses a string synchronously, before the machine sees it.
    }
    expect(actor.getSnapshot().status).toBe('active');
    // Still usable afterwards.
    actor.send({ type: 'ACKNOWLEDGE', at: T0 + 2 });
    expect(actor.getSnapshot().value).toBe('triage');
  });

  it.each([
    ['an unknown type', { type: 'EXPLODE' }],
    ['a NOTE without text', { type: 'NOTE', at: T0 + 1 }],
  ])('%s leaves it running in the same state', (_name, event) => {
    const actor = createActor(createIncidentMachine(), {
      input: { type: 'DECLARE', incidentId: 'INC-1', title: 'x', at: T0 },
    } as never);
    actor.start();
    const before = actor.getSnapshot().value;
    try {
      actor.send(event as never);
    } catch (error) {
      if (!isIncidentKitError(error)) throw error;
    }
    expect(actor.getSnapshot().status).toBe('active');
    expect(actor.getSnapshot().value).toEqual(before);
    actor.stop();
  });
});

describe('the error helpers never throw a TypeError', () => {
  const nullProto = Object.create(null) as object;
  it('isIncidentKitError is false for a hostile Proxy, a revoked one and a null-prototype object', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const trap = () => {
      throw new Error('trap');
    };
    expect(isIncidentKitError(new Proxy({}, { get: trap, getPrototypeOf: trap }))).toBe(false);
    expect(isIncidentKitError(revoked.proxy)).toBe(false);
    expect(isIncidentKitError(nullProto)).toBe(false);
  });

  it('invalidInput and new IncidentKitError take a Symbol or a null-prototype object', () => {
    expect(invalidInput(Symbol('p') as never, nullProto as never).code).toBe('INVALID_INPUT');
    expect(new IncidentKitError(Symbol('c') as never, nullProto as never, nullProto as never).code).toBe(
      'INTERNAL',
    );
    expect(new IncidentKitError('INVALID_INPUT', 'x', 'a string' as never).details).toEqual({});
  });

  it('a details string or a huge issues list cannot make building the error hang or run out of memory', () => {
    const error = new IncidentKitError('INVALID_INPUT', 'x', { issues: sparse(2 ** 32 - 1) } as never);
    expect(error.issues.length).toBeLessThanOrEqual(1);
    expect(new IncidentKitError('INTERNAL', 'x', ' '.repeat(1e6) as never).details).toEqual({});
  });

  it('newId and derivedEventId refuse a Symbol or a null-prototype object with INVALID_INPUT', () => {
    expect(errorOf(() => newId(Symbol('x') as never)).issues[0]!.path).toBe('prefix');
    expect(errorOf(() => newId(nullProto as never)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => derivedEventId(Symbol('x') as never, 1)).issues[0]!.path).toBe('incidentId');
    expect(errorOf(() => derivedEventId('INC-1', nullProto as never)).issues[0]!.path).toBe('version');
  });
});

describe('values are read once at the boundary', () => {
  it('an event getter that changes between reads cannot slip a bad value past the check', () => {
    let reads = 0;
    const event = {
      type: 'NOTE',
      id: 'n1',
      at: T0 + 1,
      get text() {
        return reads++ === 0 ? 'fine' : 42;
      },
    };
    const next = applyEvent(incident, event as never);
    expect(next.timeline.at(-1)!.text).toBe('fine');
  });

  it('a getter that throws is one INVALID_INPUT with the thrown value as its cause', () => {
    const thrown = new Error('boom');
    const event = {
      type: 'NOTE',
      get at(): number {
        throw thrown;
      },
    };
    const error = errorOf(() => applyEvent(incident, event as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(rootCause(error)).toBe(thrown);
    const options = new Proxy(
      {},
      {
        ownKeys: () => {
          throw thrown;
        },
      },
    );
    expect(rootCause(errorOf(() => applyEvent(incident, note('n2'), options as never)))).toBe(thrown);
  });

  it('an incident whose timeline getter answers [] and then 2³²−1 holes is read once', () => {
    let reads = 0;
    const hostile = {
      ...incident,
      get timeline() {
        return reads++ === 0 ? [...incident.timeline] : sparse(2 ** 32 - 1);
      },
    };
    const next = applyEvent(hostile as never, note('n3'));
    expect(next.timeline).toHaveLength(2);
  });

  it('a Proxy whose length grows is read to the length it had first', () => {
    let length = 1;
    const timeline = new Proxy([...incident.timeline], {
      get: (target, key, receiver) => (key === 'length' ? length++ : Reflect.get(target, key, receiver)),
    });
    const next = applyEvent({ ...incident, timeline } as never, note('n4'));
    expect(next.timeline).toHaveLength(2);
  });

  it('an event time past the end of year 9999 is INVALID_INPUT on the stored-event fast path too', () => {
    expect(errorOf(() => applyEvent(incident, note('n5', 9e15))).code).toBe('INVALID_INPUT');
  });
});

describe('the event-id index', () => {
  it('keeps two events branched off one base apart', () => {
    const a = applyEvent(incident, note('a'));
    const b = applyEvent(incident, note('b'));
    // b never saw a: applying a to b is new, not a repeat; a repeat on a is still a repeat.
    expect(applyEvent(b, note('a')).version).toBe(b.version + 1);
    expect(applyEvent(a, note('a'))).toBe(a);
    expect(errorOf(() => applyEvent(a, { ...note('a'), text: 'other' })).code).toBe('DUPLICATE_EVENT_ID');
    // The base still knows neither.
    expect(applyEvent(incident, note('b')).version).toBe(incident.version + 1);
  });

  it('answers like a replay of the same log for every event folded one at a time', () => {
    let folded = incident;
    const log = [
      { type: 'DECLARE', id: incident.timeline[0]!.eventId, incidentId: 'INC-1', title: 'x', at: T0 },
    ];
    for (let i = 0; i < 50; i++) {
      const e = note(`e${i}`, T0 + 1 + i);
      folded = applyEvent(folded, e);
      log.push(e as never);
      expect(applyEvent(folded, note(`e${Math.floor(i / 2)}`, T0 + 1 + Math.floor(i / 2)))).toBe(folded);
    }
    expect(folded.timeline.map((t) => t.eventId)).toEqual(
      replay(log as never).timeline.map((t) => t.eventId),
    );
  });
});
