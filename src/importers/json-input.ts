import { invalidInput } from '../model/errors.js';

// Reading vendor JSON without trusting its shape: every accessor answers `undefined` (or an empty
// list) for a value of the wrong type, so arbitrary JSON never reaches a TypeError.

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  return isRecord(record) && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A non-blank string (trimmed), or a finite number as text; else `undefined`. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
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
