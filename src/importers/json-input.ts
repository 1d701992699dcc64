import { IncidentKitError, invalidInput } from '../model/errors.js';
import { isPlainObject } from '../model/plain-object.js';
import { snapshotInput } from '../model/validate.js';
import { trimmedText } from './whitespace.js';

// Reading vendor JSON without trusting its shape: the export is copied once at the boundary
// (`readJsonInput`: every property read once, arrays and depth bounded, getters and Proxy traps
// that throw turned into one INVALID_INPUT), and every accessor answers `undefined` (or an empty
// list) for a value of the wrong type, so arbitrary JSON never reaches a TypeError.

export type JsonRecord = Readonly<Record<string, unknown>>;

/**
 * A plain object: what JSON.parse and the snapshot make. Anything else the snapshot kept as it was
 * (a Date, a class instance, a Proxy claiming another prototype) is not read into.
 */
export function isRecord(value: unknown): value is JsonRecord {
  return isPlainObject(value);
}

/** `input` parsed when it is JSON text (an `INVALID_INPUT` when it does not parse), else as given. */
export function parseJsonInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message.slice(0, 120)}` : '';
    throw invalidInput('input', `is not valid JSON${detail}`);
  }
}

/**
 * An export as the importers read it: JSON text parsed, anything else copied once with
 * `snapshotInput` (lists of at most 10⁶ entries, nesting at most 64 deep, at most 1,000 fields
 * per object: a sparse array of 2³²−1 is refused before anything walks it).
 */
export function readJsonInput(input: unknown): unknown {
  return typeof input === 'string' ? parseJsonInput(input) : snapshotInput(input, 'input');
}

/** The incident list of an export: the array itself, or the array under one of `keys`. */
export function listIn(value: unknown, keys: readonly string[], what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    for (const key of keys) {
      const list = own(value, key);
      if (Array.isArray(list)) return list;
    }
  }
  throw invalidInput('input', `expected ${what}`);
}

/** An own property (never one inherited from Object.prototype, such as `constructor`). */
export function own(record: unknown, key: string): unknown {
  if (!isRecord(record)) return undefined;
  try {
    return Object.hasOwn(record, key) ? record[key] : undefined;
  } catch (cause) {
    // Only a Proxy that lied to the snapshot about its prototype can throw here.
    throw readingThrew('input', cause);
  }
}

/** The INVALID_INPUT for a caller's value whose getter or Proxy trap threw `cause` as it was read. */
export function readingThrew(path: string, cause: unknown): IncidentKitError {
  return new IncidentKitError('INVALID_INPUT', `${path}: reading it threw`, {
    issues: [{ path, message: 'reading it threw' }],
    cause,
  });
}

/** A non-blank string (trimmed), or a finite number as text; else `undefined`. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return trimmedText(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** An array, or an empty one. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A path inside a record: `at(o, 'severity', 'name')`. */
export function at(record: unknown, ...path: string[]): unknown {
  let value = record;
  for (const key of path) value = own(value, key);
  return value;
}
