import type { Message } from '../comms/index.js';
import { trustIncident } from '../internal/incident-input.js';
import { readOptions, refuseUnknownFields } from '../internal/validate.js';
import { type Incident, type IncidentEvent, IncidentKitError, invalidInput } from '../model/index.js';
import { CURRENT_EVENT_SCHEMA_VERSION } from './event-upcasters.js';
import { chainHash, GENESIS_HASH, verifyChain } from './hash-chain.js';
import type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  DeliveryOutcome,
  IncidentListFilter,
  IncidentStore,
  OutboxIncidentContext,
  OutboxRow,
  OutboxStatus,
  SignalKey,
  StoredEventRecord,
} from './incident-store.js';
import { createMutex } from './mutex.js';
import { type ProjectionOptions, project } from './projection.js';
import {
  checkAppend,
  checkClaim,
  checkListFilter,
  checkOutcome,
  checkPage,
  checkRowId,
  checkStateKey,
  checkStreamId,
  commandConflict,
  compareNewestFirst,
  encodeCursor,
  holdsSignals,
  matchesFilter,
  newEvents,
  outboxRowId,
  rowCursor,
  rowNotFound,
  signalConflict,
  versionConflict,
} from './store-input.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * import type { MemoryStoreOptions } from 'incidentkit/adapters';
 * const options: MemoryStoreOptions = {};
 * ```
 */
export interface MemoryStoreOptions {
  /** The severity policy whose scale the events use (default: the default policy), for the projection. */
  readonly policy?: ProjectionOptions['policy'] | undefined;
}

interface MemRecord {
  readonly version: number;
  /** Canonical JSON (RFC 8785) of the event as first written: what the hash covers. */
  readonly body: string;
  /** The event as JSON in its own key order: what reads parse (the fold is sensitive to key order). */
  readonly json: string;
  readonly hash: string;
  readonly previousHash: string;
  readonly writtenAt: number;
}

interface MemStream {
  readonly records: MemRecord[];
  /** Event id → canonical JSON, for the duplicate check. */
  readonly ids: Map<string, string>;
  incident: Incident;
  /** The projection as JSON: every read hands out a fresh copy. */
  incidentJson: string;
}

interface MemRow {
  readonly id: string;
  readonly incidentId: string;
  readonly notifier: string;
  readonly messageJson: string;
  readonly incident: OutboxIncidentContext;
  readonly sequence: number;
  readonly createdAt: number;
  status: OutboxStatus;
  attempts: number;
  dueAt: number;
  deliveredAt?: number | undefined;
  lastError?: string | undefined;
  leaseOwner?: string | undefined;
  leaseUntil?: number | undefined;
}

/**
 * A fresh copy of a projection this store wrote, marked as incidentkit's own: nobody but the
 * store can change what it keeps, so the lifecycle need not check it again.
 */
const ownCopy = (json: string): Incident => trustIncident(JSON.parse(json) as Incident);

const groupOf = (incidentId: string, notifier: string) => `${incidentId}\u0000${notifier}`;

function rowView(row: MemRow): OutboxRow {
  return {
    id: row.id,
    incidentId: row.incidentId,
    notifier: row.notifier,
    message: JSON.parse(row.messageJson) as Message,
    incident: { ...row.incident },
    sequence: row.sequence,
    status: row.status,
    attempts: row.attempts,
    dueAt: row.dueAt,
    createdAt: row.createdAt,
    ...(row.deliveredAt === undefined ? {} : { deliveredAt: row.deliveredAt }),
    ...(row.lastError === undefined ? {} : { lastError: row.lastError }),
    ...(row.leaseOwner === undefined ? {} : { leaseOwner: row.leaseOwner }),
    ...(row.leaseUntil === undefined ? {} : { leaseUntil: row.leaseUntil }),
  };
}

/**
 * A store kept in memory, with the same semantics as {@link postgresStore}: the embedded default
 * for tests, demos and single-process hosts. Every write is serialised behind one mutex, so an
 * append (events, projection, outbox rows, command id and signal keys) is atomic; reads hand out
 * copies, so a caller that mutates what it got changes nothing stored.
 *
 * @param options - `policy`: the severity policy whose scale the events use (for the projection).
 * @returns an {@link IncidentStore}.
 *
 * @example
 * ```ts
 * import { memoryStore } from 'incidentkit/adapters';
 * const store = memoryStore();
 * await store.append('INC-1', [{ type: 'DECLARE', id: 'e1', title: 'Checkout errors', at: 0 }], {
 *   expectedVersion: 0,
 *   now: 0,
 * });
 * (await store.get('INC-1'))?.phase; // 'detect'
 * ```
 */
export function memoryStore(options?: MemoryStoreOptions): IncidentStore {
  // Read once: a getter or trap that throws is INVALID_INPUT.
  const given = readOptions(options, 'options') as MemoryStoreOptions | undefined;
  if (Array.isArray(given)) throw invalidInput('options', 'expected { policy? }');
  if (given !== undefined) refuseUnknownFields(given, ['policy'], 'options');
  const policy = given?.policy;
  const projection: ProjectionOptions = policy === undefined ? {} : { policy };
  const streams = new Map<string, MemStream>();
  const commands = new Map<string, { incidentId: string; version: number }>();
  const signals = new Map<string, string>();
  const rows = new Map<string, MemRow>();
  /** Pending rows per (incident, notifier), in sequence order: the head is the only claimable one. */
  const pending = new Map<string, MemRow[]>();
  const sequences = new Map<string, number>();
  const state = new Map<string, string>();
  const mutex = createMutex();

  const signalKey = (key: SignalKey) => `${key.source}\u0000${key.dedupKey}`;
  const openHolder = (key: SignalKey): string | undefined => {
    const holder = signals.get(signalKey(key));
    if (holder === undefined) return undefined;
    const stream = streams.get(holder);
    return stream !== undefined && holdsSignals(stream.incident.phase) ? holder : undefined;
  };

  function addPending(row: MemRow): void {
    const group = groupOf(row.incidentId, row.notifier);
    const list = pending.get(group);
    if (list === undefined) {
      pending.set(group, [row]);
      return;
    }
    let i = list.length;
    while (i > 0 && list[i - 1]!.sequence > row.sequence) i--;
    list.splice(i, 0, row);
  }

  function removePending(row: MemRow): void {
    const group = groupOf(row.incidentId, row.notifier);
    const list = pending.get(group);
    if (list === undefined) return;
    const i = list.indexOf(row);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) pending.delete(group);
  }

  const eventsOf = (stream: MemStream | undefined): IncidentEvent[] =>
    stream === undefined ? [] : stream.records.map((r) => JSON.parse(r.json) as IncidentEvent);

  const store: IncidentStore = {
    kind: 'memory',

    async migrate() {},

    async append(incidentId: string, events: readonly IncidentEvent[], appendOptions: AppendOptions) {
      const checked = checkAppend(incidentId, events, appendOptions);
      return mutex.run(async (): Promise<AppendResult> => {
        const id = checked.incidentId;
        const { expectedVersion, now, outbox, commandId, signalKeys } = checked.options;
        const stream = streams.get(id);
        const actual = stream?.records.length ?? 0;
        if (commandId !== undefined && commands.has(commandId)) {
          throw commandConflict(id, commandId, expectedVersion, actual);
        }
        if (expectedVersion !== actual) throw versionConflict(id, expectedVersion, actual);

        const { added, bodies } = newEvents(id, checked.events, actual, (eventId) =>
          stream?.ids.get(eventId),
        );
        if (added.length === 0) {
          if (stream === undefined) throw invalidInput('events', 'a new incident needs at least its DECLARE');
          return { version: actual, appended: [], incident: ownCopy(stream.incidentJson) };
        }
        // The fold refuses what the lifecycle cannot apply; nothing is written before it succeeds.
        const incident = await project(stream?.incident, added, projection, () => eventsOf(stream));
        const version = actual + added.length;
        for (const key of signalKeys) {
          const holder = openHolder(key);
          if (holder !== undefined && holder !== id) throw signalConflict(id, key, holder, actual);
        }

        const records: MemRecord[] = [];
        let previousHash = stream?.records[stream.records.length - 1]?.hash ?? GENESIS_HASH;
        for (let i = 0; i < added.length; i++) {
          const hash = chainHash(previousHash, bodies[i]!);
          records.push({
            version: actual + i + 1,
            body: bodies[i]!,
            json: JSON.stringify(added[i]),
            hash,
            previousHash,
            writtenAt: now,
          });
          previousHash = hash;
        }

        // Commit: nothing below can fail.
        const target: MemStream = stream ?? {
          records: [],
          ids: new Map(),
          incident,
          incidentJson: '',
        };
        for (let i = 0; i < added.length; i++) {
          target.records.push(records[i]!);
          target.ids.set(added[i]!.id, bodies[i]!);
        }
        target.incident = incident;
        target.incidentJson = JSON.stringify(incident);
        streams.set(id, target);
        if (commandId !== undefined) commands.set(commandId, { incidentId: id, version });
        for (const key of signalKeys) signals.set(signalKey(key), id);
        outbox.forEach((input, index) => {
          const rowId = input.id ?? outboxRowId(id, version, index, input.notifier);
          if (rows.has(rowId)) return;
          const group = groupOf(id, input.notifier);
          const sequence = (sequences.get(group) ?? 0) + 1;
          sequences.set(group, sequence);
          const row: MemRow = {
            id: rowId,
            incidentId: id,
            notifier: input.notifier,
            messageJson: JSON.stringify(input.message),
            incident: { ...input.incident },
            sequence,
            createdAt: now,
            status: 'pending',
            attempts: 0,
            dueAt: input.dueAt ?? now,
          };
          rows.set(rowId, row);
          addPending(row);
        });
        return { version, appended: added, incident: ownCopy(target.incidentJson) };
      });
    },

    async load(incidentId: string) {
      const stream = streams.get(checkStreamId(incidentId));
      return { events: eventsOf(stream), version: stream?.records.length ?? 0 };
    },

    async records(incidentId: string): Promise<StoredEventRecord[]> {
      const id = checkStreamId(incidentId);
      const stream = streams.get(id);
      if (stream === undefined) return [];
      return stream.records.map((r) => ({
        incidentId: id,
        version: r.version,
        event: JSON.parse(r.json) as IncidentEvent,
        schemaVersion: CURRENT_EVENT_SCHEMA_VERSION,
        hash: r.hash,
        previousHash: r.previousHash,
        writtenAt: r.writtenAt,
      }));
    },

    async get(incidentId: string) {
      const stream = streams.get(checkStreamId(incidentId));
      return stream === undefined ? undefined : ownCopy(stream.incidentJson);
    },

    async list(filter?: IncidentListFilter) {
      const f = checkListFilter(filter);
      const matches: Incident[] = [];
      for (const stream of streams.values()) {
        const incident = stream.incident;
        if (!matchesFilter(incident, f)) continue;
        if (
          f.after !== undefined &&
          compareNewestFirst({ detectedAt: incident.milestones.detectedAt, id: incident.id }, f.after) <= 0
        )
          continue;
        matches.push(incident);
      }
      matches.sort((a, b) =>
        compareNewestFirst(
          { detectedAt: a.milestones.detectedAt, id: a.id },
          { detectedAt: b.milestones.detectedAt, id: b.id },
        ),
      );
      const page = matches.slice(0, f.limit).map((i) => ownCopy(streams.get(i.id)!.incidentJson));
      const last = page[page.length - 1];
      return matches.length > f.limit && last !== undefined
        ? { items: page, nextCursor: encodeCursor(last) }
        : { items: page };
    },

    async verify(incidentId: string): Promise<ChainVerification> {
      const stream = streams.get(checkStreamId(incidentId));
      return verifyChain(stream?.records ?? []);
    },

    async head(incidentId: string) {
      const stream = streams.get(checkStreamId(incidentId));
      return stream?.records[stream.records.length - 1]?.hash;
    },

    async findCommand(commandId: string) {
      const found = commands.get(checkStateKey(commandId));
      return found === undefined ? undefined : { ...found };
    },

    async findSignal(key: SignalKey) {
      const source = checkStateKey(key?.source);
      const dedupKey = checkStateKey(key?.dedupKey);
      return openHolder({ source, dedupKey });
    },

    async claim(claimOptions) {
      const { now, limit, leaseMs, owner, notifiers } = checkClaim(claimOptions);
      return mutex.run(async () => {
        const due: MemRow[] = [];
        for (const list of pending.values()) {
          const head = list[0];
          if (head === undefined || head.dueAt > now) continue;
          if (notifiers !== undefined && !notifiers.includes(head.notifier)) continue;
          if (head.leaseUntil !== undefined && head.leaseUntil > now) continue;
          due.push(head);
        }
        due.sort((a, b) => a.dueAt - b.dueAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
        const claimed = due.slice(0, limit);
        for (const row of claimed) {
          row.leaseOwner = owner;
          row.leaseUntil = now + leaseMs;
          row.attempts += 1;
        }
        return claimed.map(rowView);
      });
    },

    async settle(rowId: string, owner: string, outcome: DeliveryOutcome) {
      const id = checkRowId(rowId);
      const who = checkStateKey(owner);
      const result = checkOutcome(outcome);
      return mutex.run(async () => {
        const row = rows.get(id);
        if (row === undefined) throw rowNotFound(id);
        if (row.status !== 'pending' || row.leaseOwner !== who) return false;
        row.leaseOwner = undefined;
        row.leaseUntil = undefined;
        switch (result.kind) {
          case 'delivered':
            row.status = 'delivered';
            row.deliveredAt = result.at;
            removePending(row);
            break;
          case 'retry':
            row.dueAt = result.dueAt;
            row.lastError = result.error;
            break;
          case 'dead':
            row.status = 'dead';
            row.lastError = result.error;
            removePending(row);
            break;
        }
        return true;
      });
    },

    async deadLetters(page) {
      const p = checkPage(page);
      const dead = [...rows.values()]
        .filter((r) => r.status === 'dead')
        .filter(
          (r) =>
            p.after === undefined ||
            r.createdAt > p.after.createdAt ||
            (r.createdAt === p.after.createdAt && r.id > p.after.id),
        )
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const items = dead.slice(0, p.limit).map(rowView);
      const last = items[items.length - 1];
      return dead.length > p.limit && last !== undefined ? { items, nextCursor: rowCursor(last) } : { items };
    },

    async redrive(rowId: string, redriveOptions: { readonly now: number }) {
      const id = checkRowId(rowId);
      const now = checkNow(redriveOptions);
      return mutex.run(async () => {
        const row = rows.get(id);
        if (row === undefined) throw rowNotFound(id);
        if (row.status === 'pending') return;
        if (row.status === 'delivered') {
          throw new IncidentKitError(
            'INVALID_INPUT',
            `outbox row ${id} was delivered; only dead letters are redriven`,
            {
              issues: [{ path: 'rowId', message: 'was delivered, not dead-lettered' }],
              eventId: id,
            },
          );
        }
        row.status = 'pending';
        row.dueAt = now;
        row.attempts = 0;
        row.leaseOwner = undefined;
        row.leaseUntil = undefined;
        addPending(row);
      });
    },

    async outbox(incidentId: string) {
      const id = checkStreamId(incidentId);
      return [...rows.values()]
        .filter((r) => r.incidentId === id)
        .sort(
          (a, b) =>
            a.createdAt - b.createdAt ||
            (a.notifier < b.notifier ? -1 : a.notifier > b.notifier ? 1 : a.sequence - b.sequence),
        )
        .map(rowView);
    },

    async getState(key: string) {
      return state.get(checkStateKey(key));
    },

    async setState(key: string, value: string) {
      const k = checkStateKey(key);
      if (typeof value !== 'string' || value.length > 100_000) {
        throw invalidInput('value', 'expected a string of at most 100000 characters');
      }
      return mutex.run(async () => {
        state.set(k, value);
      });
    },
  };
  return store;
}

function checkNow(options: unknown): number {
  const now = (options as { now?: unknown } | undefined)?.now;
  if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 0) {
    throw invalidInput('options.now', 'expected epoch ms (a non-negative integer)');
  }
  return now;
}
