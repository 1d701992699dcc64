import type { Message } from '../comms/index.js';
import type { Incident, IncidentEvent, Phase } from '../model/index.js';
import type { PageScope } from '../severity/index.js';

/** One message to deliver through one notifier, written in the same atomic append as its events. */
export interface OutboxMessageInput {
  /**
   * The row id and idempotency key; derived from the incident, the version and the row's position
   * when not given. A row id already in the outbox is kept as first written (the id is the message).
   */
  readonly id?: string | undefined;
  /** `Notifier.name` of the notifier that must deliver it. */
  readonly notifier: string;
  readonly message: Message;
  /** What the notifier's send context carries about the incident at enqueue time. */
  readonly incident: OutboxIncidentContext;
  /** When it becomes due (epoch ms); default the append's `now`. */
  readonly dueAt?: number | undefined;
}

/** The incident as a notifier sees it when a message is sent. */
export interface OutboxIncidentContext {
  readonly id: string;
  readonly severity: string | undefined;
  readonly phase: Phase;
  /** The paging level the severity's requirements ask for. */
  readonly page: PageScope;
}

/** Where an outbox row is in its life. */
export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** One outbox row: a message for one notifier, with its delivery history. */
export interface OutboxRow {
  readonly id: string;
  readonly incidentId: string;
  readonly notifier: string;
  readonly message: Message;
  readonly incident: OutboxIncidentContext;
  /** Order of the row among the rows of its incident and notifier (delivered in this order). */
  readonly sequence: number;
  readonly status: OutboxStatus;
  /** Attempts made so far: each claim counts one (so a deliverer that died mid-send counts too). */
  readonly attempts: number;
  /** Epoch ms it is next due. */
  readonly dueAt: number;
  readonly createdAt: number;
  readonly deliveredAt?: number | undefined;
  /** The last failure, as `${code}: ${message}` text. */
  readonly lastError?: string | undefined;
  /** Who holds the lease and until when (epoch ms), while it is being sent. */
  readonly leaseOwner?: string | undefined;
  readonly leaseUntil?: number | undefined;
}

/** What an append writes beside the events, atomically with them. */
export interface AppendOptions {
  /** The version the caller decided from (0 for a new incident). A different stored version is `CONCURRENCY_CONFLICT`. */
  readonly expectedVersion: number;
  /** The caller's clock (epoch ms): the time written, and the outbox rows' default due time. */
  readonly now: number;
  readonly outbox?: readonly OutboxMessageInput[] | undefined;
  /**
   * A command idempotency key: recorded with the append; see {@link IncidentStore.findCommand}.
   * An append carrying a command id that is already recorded is refused with
   * `CONCURRENCY_CONFLICT` (and writes nothing): look the first result up instead.
   */
  readonly commandId?: string | undefined;
  /**
   * Signal dedup keys this append opens for the incident (unique across open incidents). A key
   * another open incident holds is `CONCURRENCY_CONFLICT`; a closed or cancelled holder gives it up.
   */
  readonly signalKeys?: readonly SignalKey[] | undefined;
}

/** A (source, dedupKey) pair identifying one alert stream. */
export interface SignalKey {
  readonly source: string;
  readonly dedupKey: string;
}

/** The result of an append. */
export interface AppendResult {
  /** The stream's version after the append. */
  readonly version: number;
  /** The events actually written (events already stored with the same content are skipped). */
  readonly appended: readonly IncidentEvent[];
  readonly incident: Incident;
}

/** Stored metadata of one event (see {@link IncidentStore.records}). */
export interface StoredEventRecord {
  readonly incidentId: string;
  readonly version: number;
  readonly event: IncidentEvent;
  /** The event schema version it was written with (before upcasting). */
  readonly schemaVersion: number;
  /** Hex SHA-256 over the previous record's hash and this event's canonical JSON (RFC 8785) as first written. */
  readonly hash: string;
  readonly previousHash: string;
  /** The `now` of the append that wrote it. */
  readonly writtenAt: number;
}

/** What {@link IncidentStore.verify} finds. */
export type ChainVerification =
  | { readonly ok: true; readonly length: number; readonly head: string | undefined }
  | {
      readonly ok: false;
      /** The version of the first event whose stored hash does not match its content and predecessor. */
      readonly brokenAt: number;
      readonly reason: string;
    };

/** A filter for {@link IncidentStore.list}; results are newest first (by detection). */
export interface IncidentListFilter {
  readonly phase?: Phase | readonly Phase[] | undefined;
  /**
   * Severity keys as stored (`'SEV1'`). A store knows no scale, so an alias (`'P0'`) matches
   * nothing here; the manager's `list` reads aliases on its policy and refuses unknown keys.
   */
  readonly severity?: string | readonly string[] | undefined;
  readonly services?: readonly string[] | undefined;
  readonly category?: string | undefined;
  /** Detected at or after (epoch ms). */
  readonly since?: number | undefined;
  /** Detected before (epoch ms). */
  readonly until?: number | undefined;
  /** Include drills (default false). */
  readonly includeDrills?: boolean | undefined;
  /** Page size (default 50, at most 500). */
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

/** What {@link IncidentStore.claim} takes. */
export interface ClaimOptions {
  /** The deliverer's clock (epoch ms): due times and leases are compared with it, never the database's. */
  readonly now: number;
  readonly limit: number;
  readonly leaseMs: number;
  /** Who holds the lease (a deliverer's id). */
  readonly owner: string;
  /** Only rows for these notifiers (a replica that lacks a notifier leaves its rows to others). */
  readonly notifiers?: readonly string[] | undefined;
}

/** How one delivery attempt ended, recorded by {@link IncidentStore.settle}. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly at: number }
  | { readonly kind: 'retry'; readonly at: number; readonly dueAt: number; readonly error: string }
  | { readonly kind: 'dead'; readonly at: number; readonly error: string };

/**
 * Per-incident append-only event streams with optimistic concurrency, a projection of the current
 * incident, and an outbox written in the same atomic append. One contract suite
 * (`test/adapters/store-contract.ts`) runs against every implementation.
 */
export interface IncidentStore {
  readonly kind: string;
  /** Creates tables or structures; idempotent and safe when several processes start at once. */
  migrate(): Promise<void>;
  append(incidentId: string, events: readonly IncidentEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The plain events (what `replay` takes) and the version; an unknown incident is `{ events: [], version: 0 }`. */
  load(incidentId: string): Promise<{ readonly events: IncidentEvent[]; readonly version: number }>;
  /** The stored metadata of each event (schema version, hash chain, time written). */
  records(incidentId: string): Promise<StoredEventRecord[]>;
  /** The current incident from the projection (no replay per read); `undefined` when unknown. */
  get(incidentId: string): Promise<Incident | undefined>;
  /**
   * Optional: the incident as this store last read or wrote it, from memory, without asking the
   * database; `undefined` when it has none at hand. It may be stale (another process may have
   * written since), so it serves only to decide an append at its version optimistically: the
   * append then fails with `CONCURRENCY_CONFLICT` (writing nothing) unless the stream is still
   * at that version. The manager uses it to save the read before each command.
   */
  peek?(incidentId: string): Incident | undefined;
  list(
    filter?: IncidentListFilter,
  ): Promise<{ readonly items: Incident[]; readonly nextCursor?: string | undefined }>;
  verify(incidentId: string): Promise<ChainVerification>;
  /** The latest hash of the incident's chain, to anchor elsewhere. */
  head(incidentId: string): Promise<string | undefined>;
  /** The incident and version a command id produced, if that command was already applied. */
  findCommand(
    commandId: string,
  ): Promise<{ readonly incidentId: string; readonly version: number } | undefined>;
  /** The open incident a signal key belongs to, if any (closed / cancelled incidents release it). */
  findSignal(key: SignalKey): Promise<string | undefined>;
  /**
   * Claims up to `limit` due rows (`dueAt <= now`, not leased or lease expired), at most the first
   * pending row per (incident, notifier), leased to `owner` until `now + leaseMs`. Each claim
   * counts as an attempt (`attempts` is incremented), so a row whose deliverer keeps dying still
   * reaches the maximum. With `notifiers`, only rows for those notifiers are claimed.
   */
  claim(options: ClaimOptions): Promise<OutboxRow[]>;
  /** Records an attempt's outcome for a row the owner still leases (a lost lease is a no-op: returns false). */
  settle(rowId: string, owner: string, outcome: DeliveryOutcome): Promise<boolean>;
  deadLetters(options?: {
    readonly limit?: number | undefined;
    readonly cursor?: string | undefined;
  }): Promise<{ readonly items: OutboxRow[]; readonly nextCursor?: string | undefined }>;
  /** Puts a dead row back to pending, due at `now`, attempts reset. */
  redrive(rowId: string, options: { readonly now: number }): Promise<void>;
  /** All rows of one incident, in order (for hosts and tests). */
  outbox(incidentId: string): Promise<OutboxRow[]>;
  /** Small per-key state adapters keep beside the outbox (e.g. a Slack message `ts` per incident and channel). */
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
}
