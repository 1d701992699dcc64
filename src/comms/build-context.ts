import * as z from 'zod/mini';
import { assertTimeZone, formatDuration, formatTimestamp } from '../internal/format-time.js';
import { checkIncident } from '../internal/incident-input.js';
import { parseWith, readOptions } from '../internal/validate.js';
import {
  type EpochMs,
  type Incident,
  IncidentKitError,
  isIncidentKitError,
  type Phase,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { isPlainObject } from '../model/plain-object.js';
import {
  policyForIncident,
  requirementsFor,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  type SeverityRequirements,
  severityLevel,
} from '../severity/index.js';
import { type CommsTemplates, checkTemplates } from './templates.js';

/**
 * Options every builder takes.
 *
 * @example
 * ```ts
 * import type { CommsOptions } from 'incidentkit/comms';
 * const options: CommsOptions = { timeZone: 'Europe/Berlin', at: '2026-11-24T09:30:00Z' };
 * ```
 */
export interface CommsOptions {
  /**
   * Severity policy for the update cadence and postmortem deadline; the default policy when absent.
   * Its id must be the one the incident was declared under (else `POLICY_MISMATCH`).
   */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** IANA time zone the message's times are written in; UTC when absent. */
  readonly timeZone?: string | undefined;
  /** The message time; default: the incident's latest timeline event (or its detection). */
  readonly at?: TimeInput | undefined;
  /** Wording overrides per builder. */
  readonly templates?: CommsTemplates | undefined;
  /** Internal messages only: who it is for. Default `stakeholders` (`responders` for reminders and acknowledgements). */
  readonly audience?: 'responders' | 'stakeholders' | undefined;
}

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    policy: z.optional(z.unknown()),
    timeZone: z.optional(z.string()),
    at: z.optional(built(TimestampSchema)),
    templates: z.optional(z.unknown()),
    audience: z.optional(z.enum(['responders', 'stakeholders'])),
    // Builder-specific options (initialNotification's `channel`) are checked by their builder.
    channel: z.optional(z.unknown()),
  }),
);

/** Everything a builder needs, validated. */
export interface BuildContext {
  readonly incident: Incident;
  readonly policy: SeverityPolicy;
  readonly requirements: SeverityRequirements;
  readonly timeZone: string | undefined;
  readonly at: EpochMs;
  readonly templates: CommsTemplates;
  readonly audience: 'responders' | 'stakeholders';
  /** What the builder-specific options held (unvalidated: the builder checks it). */
  readonly extra: { readonly channel?: unknown };
}

function rerootPolicyError(error: unknown): never {
  if (isIncidentKitError(error, 'INVALID_INPUT')) {
    const issues = error.issues.map((i) => ({
      path: i.path.startsWith('policy') ? `options.${i.path}` : i.path,
      message: i.message,
    }));
    throw new IncidentKitError('INVALID_INPUT', error.reason, { issues, cause: error });
  }
  throw error;
}

/** Latest event time of an incident: its newest timeline entry, else its detection. */
export function latestEventAt(incident: Incident): EpochMs {
  let latest = incident.milestones.detectedAt;
  for (const entry of incident.timeline) if (entry.at > latest) latest = entry.at;
  return latest;
}

/** Which builders accept which extra options, so another builder rejects them as unknown. */
export interface BuildContextRules {
  readonly channel?: boolean | undefined;
  /** Messages only for responders (reminders, acknowledgements): `audience` may only say so. */
  readonly respondersOnly?: boolean | undefined;
}

type ParsedOptions = Omit<z.output<typeof OptionsSchema>, 'policy'> & { readonly policy?: unknown };

/**
 * A builder's options: a plain object is read once (each field once), and every field but `policy`
 * is copied and checked; the policy is kept as the object given, so a policy resolved once (or a
 * config `resolvePolicy` has seen) is recognised by identity instead of being copied and defined
 * anew for every message.
 */
function readBuildOptions(options: unknown): ParsedOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) return parseWith(OptionsSchema, options, 'options');
  const { policy, ...rest } = readOptions(options, 'options') ?? {};
  const parsed = parseWith(built(OptionsSchema), rest, 'options');
  return policy === undefined ? parsed : { ...parsed, policy };
}

/**
 * Validates the incident and options of a builder, and resolves the policy the incident was
 * declared under ({@link policyForIncident}: a policy with another id is `POLICY_MISMATCH`). An
 * incident incidentkit returned (or one already checked in full) is taken as it is
 * ({@link checkIncident}); any other is copied and checked.
 */
export function buildContext(
  incident: Incident,
  options: unknown,
  rules: BuildContextRules = {},
): BuildContext {
  const parsedIncident = checkIncident(incident);
  const opts = readBuildOptions(options);
  if (opts.channel !== undefined && !rules.channel) {
    throw new IncidentKitError('INVALID_INPUT', 'options: unknown field "channel"', {
      issues: [{ path: 'options', message: 'unknown field "channel"' }],
    });
  }
  if (rules.respondersOnly && opts.audience !== undefined && opts.audience !== 'responders') {
    throw new IncidentKitError('INVALID_INPUT', 'options.audience: this message is for responders only', {
      issues: [{ path: 'options.audience', message: 'this message is for responders only' }],
    });
  }
  assertTimeZone(opts.timeZone, 'options.timeZone');
  let policy: SeverityPolicy;
  try {
    policy = policyForIncident(parsedIncident, {
      policy: opts.policy as SeverityPolicy | SeverityPolicyConfig | undefined,
    });
  } catch (error) {
    rerootPolicyError(error);
  }
  let requirements: SeverityRequirements;
  try {
    requirements = requirementsFor(policy, parsedIncident.severity);
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    // The incident's stamp matches, but its severity is not on this version's scale.
    throw new IncidentKitError(
      'INVALID_INPUT',
      `incident.severity: ${JSON.stringify(parsedIncident.severity)} is not on the policy's scale`,
      { issues: [{ path: 'incident.severity', message: "is not on the policy's scale" }], cause: error },
    );
  }
  return {
    incident: parsedIncident,
    policy,
    requirements,
    timeZone: opts.timeZone,
    at: opts.at ?? latestEventAt(parsedIncident),
    templates: checkTemplates(opts.templates, 'options.templates'),
    audience: rules.respondersOnly ? 'responders' : (opts.audience ?? 'stakeholders'),
    extra: opts.channel === undefined ? {} : { channel: opts.channel },
  };
}

/** `2026-11-24 09:00 UTC` in the context's zone. */
export function when(ctx: BuildContext, ms: EpochMs): string {
  return formatTimestamp(ms, { timeZone: ctx.timeZone });
}

/** `2026-11-24 09:45 UTC (in 15 min)` / `(15 min ago)` relative to the message time. */
export function whenRelative(ctx: BuildContext, ms: EpochMs): string {
  const delta = ms - ctx.at;
  if (Math.abs(delta) < 60_000) return when(ctx, ms);
  return `${when(ctx, ms)} (${delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`})`;
}

const CADENCE_PHASES: ReadonlySet<Phase> = new Set(['detect', 'triage', 'mitigate', 'resolve']);

/** The next update time under the policy cadence, or undefined (no cadence, or past `resolve`). */
export function nextUpdateAt(ctx: BuildContext): EpochMs | undefined {
  const every = ctx.requirements.updateEveryMinutes;
  if (every === undefined || !CADENCE_PHASES.has(ctx.incident.phase)) return undefined;
  return ctx.at + Math.round(every * 60_000);
}

/** `SEV1 (Critical)`, or the key alone when the scale does not know it. */
export function severityText(ctx: BuildContext): string | undefined {
  const key = ctx.incident.severity;
  if (key === undefined) return undefined;
  const level = severityLevel(ctx.policy, key);
  return level ? `${level.key} (${level.name})` : key;
}
