import { nanoid } from 'nanoid';
import { invalidInput } from './errors.js';

/** The readable prefixes of incidentkit's generated ids. */
export type IdPrefix = 'inc' | 'evt' | 'act' | 'msg';

const ID_PREFIXES: ReadonlySet<unknown> = new Set<IdPrefix>(['inc', 'evt', 'act', 'msg']);

/**
 * A new random id with a readable prefix: `inc_V1StGXR8Z5jd`.
 *
 * @internal Not public API: incidentkit fills in the ids it needs; hosts choose their own.
 * @deprecated Importable until 1.0, then removed from the package's entry points.
 *
 * @example
 * ```ts
 * import { newId } from 'incidentkit';
 * newId('inc').startsWith('inc_'); // true
 * ```
 */
export function newId(prefix: IdPrefix): string {
  if (!ID_PREFIXES.has(prefix)) throw invalidInput('prefix', 'expected "inc", "evt", "act" or "msg"');
  return `${prefix}_${nanoid(14)}`;
}

/**
 * The id an event gets when the caller gave none: derived from the incident and the version the
 * event creates, so replaying a stored log yields the same ids.
 *
 * @internal Not public API: `decide` derives these ids itself.
 * @deprecated Importable until 1.0, then removed from the package's entry points.
 *
 * @example
 * ```ts
 * import { derivedEventId } from 'incidentkit';
 * derivedEventId('inc_1', 3); // 'evt_inc_1_3'
 * ```
 */
export function derivedEventId(incidentId: string, version: number): string {
  if (typeof incidentId !== 'string' || incidentId === '')
    throw invalidInput('incidentId', 'expected an incident id');
  if (!Number.isSafeInteger(version) || version < 0)
    throw invalidInput('version', 'expected a whole number, 0 or more');
  return `evt_${incidentId}_${version}`;
}
