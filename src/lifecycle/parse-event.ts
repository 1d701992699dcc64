import { didYouMeanHint } from '../internal/did-you-mean.js';
import {
  FORBIDDEN_KEYS,
  ID_PATTERN,
  LIMITS,
  SAFE_KEY_PATTERN,
  SEVERITY_KEY_MAX,
} from '../internal/limits.js';
import { invalidIssues, parseSnapshotWith, snapshotInput } from '../internal/validate.js';
import {
  EVENT_TYPES,
  type IncidentEventInput,
  IncidentEventSchema,
  IncidentKitError,
  MAX_EPOCH_MS,
} from '../model/index.js';

type Parsed = ReturnType<typeof IncidentEventSchema.parse>;

function isText(v: unknown, max: number): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= max;
}
function isId(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.id && ID_PATTERN.test(v);
}
function isSafeKey(v: unknown): boolean {
  return (
    typeof v === 'string' &&
    v.length >= 1 &&
    v.length <= 64 &&
    SAFE_KEY_PATTERN.test(v) &&
    !FORBIDDEN_KEYS.has(v)
  );
}

/**
 * The fast path for the events that make up most of a stored log, in stored form (epoch-ms `at`,
 * no explicit `undefined` fields): the event itself when valid, or `undefined` to take the zod path. Each case
 * mirrors its zod schema in `model/events.ts` exactly, and a property test proves that whatever
 * passes here parses to the same value with zod. Anything else (Date or ISO times, impacts,
 * action items, DECLARE) and every error goes through zod, which stays the specification.
 */
export function parseStoredEvent(input: unknown): Parsed | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  let e: Record<string, unknown>;
  try {
    const proto = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return undefined;
    // One read of each field: a getter or a Proxy cannot answer differently after the checks.
    e = { ...(input as Record<string, unknown>) };
  } catch (cause) {
    // A Proxy trap that throws: one INVALID_INPUT with the thrown value as its cause.
    throw new IncidentKitError('INVALID_INPUT', 'event: reading it threw', {
      issues: [{ path: 'event', message: 'reading it threw' }],
      cause,
    });
  }
  const at = e.at;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at > MAX_EPOCH_MS) return undefined;
  // Fields present: type and at, plus the optional ones checked below; any other key means zod.
  let expected = 2;
  if (e.id !== undefined) {
    if (!isId(e.id)) return undefined;
    expected++;
  }
  if (e.by !== undefined) {
    if (!isText(e.by, LIMITS.name)) return undefined;
    expected++;
  }
  switch (e.type) {
    case 'ACKNOWLEDGE':
    case 'CLOSE':
      break;
    case 'MITIGATE':
    case 'RESOLVE':
      if (e.summary !== undefined) {
        if (!isText(e.summary, LIMITS.summary)) return undefined;
        expected++;
      }
      break;
    case 'REOPEN':
      if (!isText(e.reason, LIMITS.reason)) return undefined;
      expected++;
      break;
    case 'CANCEL':
      if (e.reason !== 'false-alarm' && e.reason !== 'duplicate' && e.reason !== 'not-an-incident')
        return undefined;
      expected++;
      if (e.duplicateOf !== undefined) {
        if (!isId(e.duplicateOf)) return undefined;
        expected++;
      }
      break;
    case 'TRIAGE':
      if (!isText(e.severity, SEVERITY_KEY_MAX)) return undefined;
      expected++;
      break;
    case 'SET_SEVERITY':
      if (!isText(e.severity, SEVERITY_KEY_MAX)) return undefined;
      expected++;
      if (e.reason !== undefined) {
        if (!isText(e.reason, LIMITS.reason)) return undefined;
        expected++;
      }
      break;
    case 'ASSIGN_ROLE':
      if (!isSafeKey(e.role) || !isText(e.assignee, LIMITS.name)) return undefined;
      expected += 2;
      break;
    case 'UNASSIGN_ROLE':
      if (!isSafeKey(e.role)) return undefined;
      expected++;
      break;
    case 'POST_UPDATE':
      if (e.audience !== 'responders' && e.audience !== 'stakeholders' && e.audience !== 'public')
        return undefined;
      if (!isText(e.message, LIMITS.text)) return undefined;
      expected += 2;
      break;
    case 'NOTE':
      if (!isText(e.text, LIMITS.text)) return undefined;
      expected++;
      if (e.kind !== undefined) {
        if (e.kind !== 'note' && e.kind !== 'decision') return undefined;
        expected++;
      }
      break;
    default:
      return undefined;
  }
  // The prototype is Object.prototype or null, so own keys are all the keys zod would look at.
  if (Object.keys(e).length !== expected) return undefined;
  // Valid: the one-read copy (callers never mutate a parsed event; normalising copies on write).
  return e as Parsed;
}

/**
 * Validates an event and returns it parsed (timestamps as epoch ms); treat the result as read-only,
 * a plain copy in which each field was read once. Stored-form events of the
 * common kinds take a hand-checked fast path; everything else, and every error, goes through zod.
 */
export function parseEvent(input: IncidentEventInput | unknown): Parsed {
  const stored = parseStoredEvent(input);
  if (stored !== undefined) return stored;
  const copy = snapshotInput(input, 'event');
  const type = typeof copy === 'object' && copy !== null ? (copy as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && !KNOWN_TYPES.has(type)) {
    const shown = type.length > 40 ? `${type.slice(0, 40)}…` : type;
    throw invalidIssues([
      {
        path: 'event.type',
        message: `unknown event type ${JSON.stringify(shown)}${didYouMeanHint(type, EVENT_TYPES) || `; expected one of ${EVENT_TYPES.join(', ')}`}`,
      },
    ]);
  }
  return parseSnapshotWith(IncidentEventSchema, copy, 'event');
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
