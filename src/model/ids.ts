import { IncidentKitError, invalidInput } from './errors.js';

/** The readable prefixes of incidentkit's generated ids. */
export type IdPrefix = 'inc' | 'evt' | 'act' | 'msg';

const ID_PREFIXES: ReadonlySet<unknown> = new Set<IdPrefix>(['inc', 'evt', 'act', 'msg']);

// 64 URL-safe symbols, so one random byte masked to 6 bits picks one without bias: 14 of them are
// 84 random bits.
const ID_SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const ID_LENGTH = 14;

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

// Web Crypto's getRandomValues (a global on Node ≥ 20, Deno, Bun, browsers and workers), read when
// an id is made: importing `node:crypto` at load would cost every import of the package about
// 4 ms, ids or not.
/** `length` random URL-safe symbols (6 random bits each) from Web Crypto. @internal */
export function randomSymbols(length: number): string {
  const source = (globalThis as { crypto?: RandomSource | undefined }).crypto;
  if (typeof source?.getRandomValues !== 'function')
    throw new IncidentKitError('INTERNAL', 'this runtime has no Web crypto.getRandomValues to make ids with');
  const bytes = source.getRandomValues(new Uint8Array(length));
  let out = '';
  for (let i = 0; i < length; i++) out += ID_SYMBOLS[bytes[i]! & 63];
  return out;
}

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
  return `${prefix}_${randomSymbols(ID_LENGTH)}`;
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
