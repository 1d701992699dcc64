import { readList, snapshotInput } from '../internal/validate.js';
import { IncidentKitError, invalidInput, isIncidentKitError } from '../model/index.js';
import { isPlainObject } from '../model/plain-object.js';

/**
 * The event schema version stores write today. Every stored event records the version it was
 * written with; reading an older one runs it through the upcasters from that version up.
 *
 * @example
 * ```ts
 * import { CURRENT_EVENT_SCHEMA_VERSION } from 'incidentkit/adapters';
 * CURRENT_EVENT_SCHEMA_VERSION; // 2
 * ```
 */
export const CURRENT_EVENT_SCHEMA_VERSION = 2;

/**
 * Upgrades a stored event body from schema version `from` to `from + 1`. Pure: it gets the parsed
 * JSON of the body and returns the new body (it must not mutate its argument).
 *
 * @example
 * ```ts
 * import type { EventUpcaster } from 'incidentkit/adapters';
 * const renameFlag: EventUpcaster = {
 *   from: 2,
 *   upcast: (event) => event,
 * };
 * ```
 */
export interface EventUpcaster {
  /** The schema version this upcaster reads. */
  readonly from: number;
  upcast(event: Record<string, unknown>): Record<string, unknown>;
}

function isoToMs(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : ms;
}

/**
 * Version 1 → 2: the pre-release log format wrote timestamps (`at`, `startedAt`, an action
 * item's `dueAt` and `completedAt`) as ISO-8601 strings and marked a decision NOTE with
 * `decision: true`; version 2 writes epoch ms and `kind: 'decision'`.
 */
const v1ToV2: EventUpcaster = {
  from: 1,
  upcast(event) {
    const out: Record<string, unknown> = { ...event };
    out.at = isoToMs(out.at);
    if ('startedAt' in out) out.startedAt = isoToMs(out.startedAt);
    if (out.type === 'NOTE' && 'decision' in out) {
      const decision = out.decision === true;
      delete out.decision;
      if (decision) out.kind = 'decision';
    }
    for (const key of ['item', 'changes'] as const) {
      const nested = out[key];
      if (typeof nested === 'object' && nested !== null) {
        const copy: Record<string, unknown> = { ...(nested as Record<string, unknown>) };
        if ('dueAt' in copy) copy.dueAt = isoToMs(copy.dueAt);
        if ('completedAt' in copy) copy.completedAt = isoToMs(copy.completedAt);
        out[key] = copy;
      }
    }
    return out;
  },
};

/**
 * The built-in upcasters, one per schema version step.
 *
 * @example
 * ```ts
 * import { BUILT_IN_UPCASTERS } from 'incidentkit/adapters';
 * BUILT_IN_UPCASTERS.map((u) => u.from); // [1]
 * ```
 */
export const BUILT_IN_UPCASTERS: readonly EventUpcaster[] = [v1ToV2];

/** At most this many host upcasters (one per schema version step is plenty). */
const MAX_UPCASTERS = 100;

/**
 * A host's upcasters read once: a list of at most 100 `{ from, upcast }` with `from` a schema
 * version (a positive integer) and `upcast` a function; anything else is `INVALID_INPUT` naming
 * the entry, and a getter or trap that throws is one `INVALID_INPUT` with its `cause`.
 */
export function readUpcasters(value: unknown, path = 'upcasters'): readonly EventUpcaster[] {
  if (value === undefined) return [];
  return readList(value, path, 'expected a list of { from, upcast }', MAX_UPCASTERS).map((entry, i) => {
    const at = `${path}[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw invalidInput(at, 'expected { from, upcast }');
    let from: unknown;
    let upcast: unknown;
    try {
      ({ from, upcast } = entry as { from?: unknown; upcast?: unknown });
    } catch (cause) {
      throw new IncidentKitError('INVALID_INPUT', `${at}: reading it threw`, {
        issues: [{ path: at, message: 'reading it threw' }],
        cause,
      });
    }
    if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 1)
      throw invalidInput(`${at}.from`, 'expected the schema version it reads (a positive integer)');
    if (typeof upcast !== 'function') throw invalidInput(`${at}.upcast`, 'expected a function');
    return { from, upcast: upcast as EventUpcaster['upcast'] };
  });
}

/**
 * Brings a stored event body from `schemaVersion` to {@link CURRENT_EVENT_SCHEMA_VERSION} with the
 * built-in upcasters and the host's own (a host's upcaster for a version replaces the built-in one).
 * A body of the current version is returned as it is. An older one is copied once (bounded, each
 * field read once) and must be a plain object, as each upcaster's result must be; a body newer
 * than this build knows is `INVALID_INPUT` (a newer release wrote it; upgrade first), and an
 * upcaster that throws is `INVALID_INPUT` naming its version, with what it threw as `cause`.
 *
 * @example
 * ```ts
 * import { upcastEvent } from 'incidentkit/adapters';
 * upcastEvent({ type: 'ACKNOWLEDGE', id: 'e2', at: '2026-11-24T09:03:00Z' }, 1).at; // 1795510980000
 * ```
 */
export function upcastEvent(
  body: Record<string, unknown>,
  schemaVersion: number,
  upcasters: readonly EventUpcaster[] = [],
): Record<string, unknown> {
  if (schemaVersion === CURRENT_EVENT_SCHEMA_VERSION) return body;
  if (
    typeof schemaVersion !== 'number' ||
    !Number.isInteger(schemaVersion) ||
    schemaVersion < 1 ||
    schemaVersion > CURRENT_EVENT_SCHEMA_VERSION
  ) {
    throw new IncidentKitError(
      'INVALID_INPUT',
      `a stored event has schema version ${typeof schemaVersion === 'number' ? schemaVersion : typeof schemaVersion}; this build reads 1 to ${CURRENT_EVENT_SCHEMA_VERSION}`,
      { issues: [{ path: 'schemaVersion', message: 'is not a schema version this build knows' }] },
    );
  }
  const own = readUpcasters(upcasters);
  const copy = snapshotInput(body, 'body');
  if (!isPlainObject(copy)) throw invalidInput('body', 'expected a stored event (a JSON object)');
  let out: Record<string, unknown> = copy;
  for (let v = schemaVersion; v < CURRENT_EVENT_SCHEMA_VERSION; v++) {
    const step = own.find((u) => u.from === v) ?? BUILT_IN_UPCASTERS.find((u) => u.from === v);
    if (step === undefined) {
      throw new IncidentKitError('INTERNAL', `no upcaster from event schema version ${v}`);
    }
    let next: unknown;
    try {
      next = step.upcast(out);
    } catch (cause) {
      if (isIncidentKitError(cause)) throw cause;
      throw new IncidentKitError('INVALID_INPUT', `upcasters: the upcaster from version ${v} threw`, {
        issues: [{ path: 'upcasters', message: `the upcaster from version ${v} threw` }],
        cause,
      });
    }
    if (!isPlainObject(next))
      throw invalidInput('upcasters', `the upcaster from version ${v} returned no event object`);
    out = next;
  }
  return out;
}
