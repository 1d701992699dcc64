import { canonicalJson, shortHash } from '../internal/canonical-json.js';
import { parseWith } from '../internal/validate.js';
import {
  type DeclareInput,
  IdSchema,
  type IncidentEvent,
  type IncidentEventInput,
  IncidentEventSchema,
  type IncidentEventType,
  IncidentIdSchema,
  invalidInput,
  isIncidentKitError,
  type TimeInput,
} from '../model/index.js';
import { isPlainObject } from '../model/plain-object.js';

/**
 * What every command payload may carry besides the event's own fields.
 *
 * @example
 * ```ts
 * import type { CommandMeta } from 'incidentkit/manager';
 * const meta: CommandMeta = { at: '2026-11-24T09:05:00Z', commandId: 'req-7f3a' };
 * ```
 */
export interface CommandMeta {
  /**
   * When it happened; default the manager's `clock.now()`. A retried request with the same
   * `commandId` is answered from the first result, so a later default does not apply it twice.
   */
  readonly at?: TimeInput | undefined;
  /**
   * An idempotency key (e.g. the HTTP request's `Idempotency-Key`): the store remembers the
   * result, so the same key applies once and returns the first result every time.
   */
  readonly commandId?: string | undefined;
}

/**
 * The payload of the manager command that records a `T` event: the event's fields without
 * `type`, with `at` optional and an optional `commandId`.
 *
 * @example
 * ```ts
 * import type { CommandPayload } from 'incidentkit/manager';
 * const payload: CommandPayload<'TRIAGE'> = { severity: 'SEV2', by: 'alice', commandId: 'req-81' };
 * ```
 */
export type CommandPayload<T extends Exclude<IncidentEventType, 'DECLARE'>> = Omit<
  Extract<IncidentEventInput, { type: T }>,
  'type' | 'at'
> &
  CommandMeta;

/**
 * What `manager.declare` takes: the DECLARE payload with `at` optional and an optional
 * `commandId`. Without `incidentId`, the id is random, or derived from `commandId` when one is given
 * (so two retries of one request cannot declare two incidents).
 *
 * @example
 * ```ts
 * import type { DeclareCommand } from 'incidentkit/manager';
 * const input: DeclareCommand = { title: 'Checkout errors', impact: { customerFacing: true, degraded: true } };
 * ```
 */
export type DeclareCommand = Omit<DeclareInput, 'at'> & CommandMeta;

/** A command payload split into its idempotency key and the event it asks for (at in epoch ms). */
export interface ParsedCommand {
  readonly commandId: string | undefined;
  /** The validated event, without an id unless the caller gave one. */
  readonly event: IncidentEvent | Omit<IncidentEvent, 'id'>;
  /** True when the caller gave no `at`: each attempt then records its own now. */
  readonly atDefaulted: boolean;
  /**
   * A digest of what the caller asked for: the event's type and fields as parsed, without a
   * defaulted `at` (a retry's now differs, its request does not). A retry of one request has the
   * same one; another request under the same `commandId` has another.
   */
  readonly fingerprint: string;
}

/** The idempotency key: an id-shaped string. */
export function parseCommandId(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  return parseWith(IdSchema, value, path);
}

/** The incident id a command is for. */
export function parseIncidentId(value: unknown): string {
  return parseWith(IncidentIdSchema, value, 'incidentId');
}

/**
 * Validates a command payload at the manager's boundary: a plain object whose fields are the
 * event's (paths named `payload.<field>`), `at` defaulted to `now`. Never lets anything but an
 * `IncidentKitError` out, whatever it is given (proxies, throwing getters, prototype keys).
 */
export function parseCommand(
  type: IncidentEventType,
  payload: unknown,
  now: number,
  options: { readonly optional?: boolean | undefined } = {},
): ParsedCommand {
  try {
    const given = payload === undefined && options.optional ? {} : payload;
    if (!isPlainObject(given)) throw invalidInput('payload', 'must be a plain object');
    const fields: Record<string, unknown> = { ...given };
    if (Object.hasOwn(fields, 'type')) throw invalidInput('payload.type', 'is set by the command');
    const commandId = parseCommandId(fields.commandId, 'payload.commandId');
    delete fields.commandId;
    const atDefaulted = fields.at === undefined;
    if (atDefaulted) fields.at = now;
    const event = parseWith(IncidentEventSchema, { ...fields, type }, 'payload');
    const asked: Record<string, unknown> = { ...event };
    if (atDefaulted) delete asked.at;
    const fingerprint = shortHash(canonicalJson(asked));
    return { commandId, event: event as ParsedCommand['event'], atDefaulted, fingerprint };
  } catch (error) {
    if (isIncidentKitError(error)) throw error;
    throw invalidInput('payload', 'could not be read (a throwing getter or proxy?)');
  }
}
