import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createIncidentManager } from '../../src/manager/index.js';
import { isIncidentKitError } from '../../src/model/index.js';
import { autoClock, min, recordingNotifier, rejection } from './helpers.js';

/** What a scheduler and the responders may do between two reminder runs. */
type Step =
  | { kind: 'remind'; minutes: number }
  | { kind: 'ack' }
  | { kind: 'update' }
  | { kind: 'severity'; severity: 'SEV1' | 'SEV2' | 'SEV3' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('remind' as const), minutes: fc.integer({ min: 0, max: 20 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'ack' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'update' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('severity' as const),
      severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3'),
    }),
  },
);

describe('reminders (property)', () => {
  test.prop({ steps: fc.array(step, { minLength: 1, maxLength: 40 }) }, { numRuns: 60 })(
    'each due item is reminded exactly once per due time, whatever the schedule',
    async ({ steps }) => {
      const clock = autoClock(min(0));
      const manager = createIncidentManager({ clock, notifiers: [recordingNotifier('chat')] });
      const { id } = await manager.declare({ incidentId: 'INC-1', title: 'Down', severity: 'SEV1' });
      const expected = new Set<string>();
      let now = min(0);
      for (const s of steps) {
        if (s.kind === 'remind') {
          now += s.minutes * 60_000;
          clock.set(now);
          for (const item of await manager.due({ now })) expected.add(`${item.kind}@${item.dueAt}`);
          await manager.remind({ now });
          continue;
        }
        try {
          if (s.kind === 'ack') await manager.acknowledge(id);
          else if (s.kind === 'update')
            await manager.postUpdate(id, { audience: 'stakeholders', message: 'on it' });
          else await manager.setSeverity(id, { severity: s.severity });
        } catch (error) {
          if (!isIncidentKitError(error)) throw error; // a second ACKNOWLEDGE is refused; fine
        }
      }
      // Every item seen due got its reminder, and none twice: the reminder rows match one-to-one.
      const rows = (await manager.store.outbox(id)).filter((r) => r.message.kind === 'reminder');
      const reminded = rows.map((r) =>
        r.message.kind === 'reminder' ? `${r.message.reason}@${r.message.dueAt}` : '',
      );
      const reasons: Record<string, string> = {
        acknowledge: 'acknowledge-overdue',
        roles: 'roles-missing',
        update: 'update-overdue',
        mitigate: 'mitigate-overdue',
        postmortem: 'postmortem-due',
      };
      const want = [...expected].map((e) => {
        const [kind, at] = e.split('@');
        return `${reasons[kind!]}@${at}`;
      });
      expect(new Set(reminded).size).toBe(reminded.length);
      expect(new Set(reminded)).toEqual(new Set(want));
    },
  );
});

describe('signals (property)', () => {
  const action = fc.oneof(
    fc.record({
      kind: fc.constant('signal' as const),
      key: fc.constantFrom('a', 'b', 'c'),
      status: fc.constantFrom('firing' as const, 'resolved' as const),
    }),
    fc.record({ kind: fc.constant('cancel' as const), key: fc.constantFrom('a', 'b', 'c') }),
  );

  test.prop({ actions: fc.array(action, { minLength: 1, maxLength: 30 }) }, { numRuns: 60 })(
    'at most one open incident per alert key; a firing with none open declares, a repeat attaches',
    async ({ actions }) => {
      const clock = autoClock(min(0));
      const manager = createIncidentManager({ clock });
      const open = new Map<string, string>();
      let t = min(0);
      for (const a of actions) {
        t += 60_000;
        clock.set(t);
        if (a.kind === 'cancel') {
          const id = open.get(a.key);
          if (id !== undefined) {
            await manager.cancel(id, { reason: 'false-alarm' });
            open.delete(a.key);
          }
          continue;
        }
        const result = await manager.signal({
          source: 'am',
          dedupKey: a.key,
          status: a.status,
          title: `alert ${a.key}`,
          at: t,
        });
        const held = open.get(a.key);
        if (a.status === 'firing' && held === undefined) {
          expect(result.action).toBe('declared');
          open.set(a.key, result.incident!.id);
        } else if (held === undefined) {
          expect(result.action).toBe('ignored');
        } else {
          expect(result).toMatchObject({ action: a.status === 'firing' ? 'attached' : 'noted' });
          expect(result.incident?.id).toBe(held);
        }
      }
      const stillOpen = (await manager.list({ phase: ['detect'], limit: 500 })).items;
      expect(new Set(stillOpen.map((i) => i.id))).toEqual(new Set(open.values()));
    },
  );
});

describe('commandId (property)', () => {
  test.prop(
    {
      requests: fc.array(
        fc.record({ key: fc.integer({ min: 0, max: 5 }), text: fc.string({ minLength: 1, maxLength: 20 }) }),
        {
          minLength: 1,
          maxLength: 30,
        },
      ),
    },
    { numRuns: 60 },
  )(
    'a command id applies once, every retry answers with the first result, another request under it is refused',
    async ({ requests }) => {
      const clock = autoClock(min(0));
      const manager = createIncidentManager({ clock });
      const { id } = await manager.declare({ title: 'Checkout errors' });
      const first = new Map<number, { text: string; result: unknown }>();
      for (const r of requests) {
        clock.advance(1_000);
        const seen = first.get(r.key);
        const request = manager.note(id, { text: r.text, commandId: `req-${r.key}` });
        if (seen !== undefined && seen.text !== r.text) {
          const before = (await manager.store.load(id)).events.length;
          const error = await rejection(request);
          expect(error.code).toBe('INVALID_INPUT');
          expect(error.issues[0]?.path).toBe('payload.commandId');
          expect((await manager.store.load(id)).events.length).toBe(before);
          continue;
        }
        const result = await request;
        if (seen === undefined) first.set(r.key, { text: r.text, result });
        else expect(result).toEqual(seen.result);
      }
      const { events } = await manager.store.load(id);
      expect(events.filter((e) => e.type === 'NOTE')).toHaveLength(first.size);
    },
  );
});
