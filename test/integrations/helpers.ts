import { afterAll, beforeAll, beforeEach } from 'vitest';
import { deliverOutbox, type IncidentStore, memoryStore, type Notifier } from '../../src/adapters/index.js';
import { type Clock, createIncidentManager, type TimerId } from '../../src/manager/index.js';
import { type Handler, type Reply, startVendorServer, type VendorServer } from './vendor-server.js';

export { rejectionOf } from '../support.js';

import { T0 } from '../support.js';

export { T0 };
export const minutes = (n: number) => T0 + n * 60_000;

/** A clock tests set by hand; its timers (the manager's conflict backoff) fire on the next turn, nothing sleeps. */
export function testClock(start = T0): Clock & { set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    setTimeout: (callback) => setImmediate(callback) as unknown as TimerId,
    clearTimeout: (id) => {
      if (id !== undefined) clearImmediate(id as unknown as NodeJS.Immediate);
    },
    set: (ms) => {
      now = ms;
    },
  };
}

/** Sequential ids, so runs are deterministic. */
export function counterIds() {
  let n = 0;
  return { newId: (prefix: string) => `${prefix}_${String(++n).padStart(6, '0')}` };
}

/**
 * Delivers the outbox through `deliverOutbox` until nothing is pending: when a round attempts
 * nothing, moves the clock to the earliest pending row's due time (a Retry-After or a backoff) and
 * goes again. Returns the times each round ran at.
 */
export async function drainOutbox(
  store: IncidentStore,
  notifiers: readonly Notifier[],
  clock: { now(): number; set(ms: number): void },
  incidentIds: readonly string[],
  options: { readonly maxRounds?: number } = {},
): Promise<{ rounds: number[]; delivered: number; dead: number }> {
  const rounds: number[] = [];
  let delivered = 0;
  let dead = 0;
  for (let i = 0; i < (options.maxRounds ?? 50); i++) {
    const report = await deliverOutbox(store, notifiers, { now: clock.now(), random: () => 0 });
    rounds.push(clock.now());
    delivered += report.delivered;
    dead += report.dead;
    if (report.attempted > 0) continue;
    const pending = (await Promise.all(incidentIds.map((id) => store.outbox(id))))
      .flat()
      .filter((row) => row.status === 'pending');
    if (pending.length === 0) break;
    // Rows due already wait behind their incident's head row; the head's due time is the next event.
    const later = pending.map((row) => row.dueAt).filter((at) => at > clock.now());
    if (later.length === 0) break;
    clock.set(Math.min(...later));
  }
  return { rounds, delivered, dead };
}

/** The local vendor of a test file: its server on 127.0.0.1 and the vendor's state for the current test. */
export interface LocalVendor<V> {
  readonly server: VendorServer;
  readonly vendor: V;
}

/**
 * One local vendor per test file: starts its server once (closed after the file), and before
 * every test a fresh vendor state from `makeVendor` and a server with no recorded requests or
 * pending faults. Call at the top level of a test file.
 */
export function localVendor<V extends { handler: Handler }>(makeVendor: () => V): LocalVendor<V> {
  let server: VendorServer | undefined;
  let vendor: V | undefined;
  beforeAll(async () => {
    server = await startVendorServer((request) => vendor!.handler(request));
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    vendor = makeVendor();
    server!.reset();
  });
  return {
    get server() {
      return server!;
    },
    get vendor() {
      return vendor!;
    },
  };
}

/** A manager sending through `notifier`, over a fresh memory store, the test clock and counter ids. */
export function managerWith(notifier: Notifier) {
  const clock = testClock();
  const store = memoryStore();
  const manager = createIncidentManager({ store, clock, ids: counterIds(), notifiers: [notifier] });
  return { clock, store, manager };
}

/** What {@link walkWholeIncident} varies: the update text (user text to escape) and the faults to inject. */
export interface WholeIncidentScript {
  /** The stakeholder update posted while mitigating (user text the rendering must defuse). */
  readonly update: string;
  /** Injected before the first delivery (the initial notification meets them). */
  readonly faults: readonly Reply[];
  /** Injected before mitigation (later messages meet them). */
  readonly laterFaults: readonly Reply[];
}

/**
 * Drives INC-1 (SEV2, "Checkout errors") through a whole incident with the manager — declare,
 * acknowledge, roles, triage, a stakeholder update, mitigate, resolve — delivering through the
 * vendor's injected faults until the outbox is drained. Returns the incident id.
 */
export async function walkWholeIncident(
  env: ReturnType<typeof managerWith> & { readonly notifier: Notifier },
  server: VendorServer,
  script: WholeIncidentScript,
): Promise<string> {
  const { clock, store, manager, notifier } = env;
  const { id } = await manager.declare({
    incidentId: 'INC-1',
    title: 'Checkout errors',
    severity: 'SEV2',
    at: T0,
  });
  server.inject(...script.faults);
  await drainOutbox(store, [notifier], clock, [id]);
  clock.set(minutes(2));
  await manager.acknowledge(id, { by: 'alice' });
  await manager.assignRole(id, { role: 'commander', assignee: 'alice' });
  await manager.assignRole(id, { role: 'commsLead', assignee: 'bob' });
  clock.set(minutes(5));
  await manager.triage(id, { severity: 'SEV2' });
  await manager.postUpdate(id, { audience: 'stakeholders', message: script.update });
  server.inject(...script.laterFaults);
  clock.set(minutes(40));
  await manager.mitigate(id, { summary: 'Rolled back' });
  await manager.resolve(id, { summary: 'Config reverted' });
  await drainOutbox(store, [notifier], clock, [id]);
  return id;
}
