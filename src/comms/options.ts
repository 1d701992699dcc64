import * as z from 'zod/mini';
import { assertTimeZone, formatDuration, formatTimestamp } from '../internal/format-time.js';
import { parseWith } from '../internal/validate.js';
import {
  type EpochMs,
  type Impact,
  type Incident,
  IncidentKitError,
  IncidentSchema,
  type Phase,
  type TimeInput,
  TimestampSchema,
} from '../model/index.js';
import {
  requirementsFor,
  resolvePolicy,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  type SeverityRequirements,
  severityLevel,
} from '../severity/index.js';
import type { MessageField } from './message.js';
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
  /** Severity policy for the update cadence and postmortem deadline; the default policy when absent. */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig;
  /** IANA time zone the message's times are written in; UTC when absent. */
  readonly timeZone?: string;
  /** The message time; default: the incident's latest timeline event (or its detection). */
  readonly at?: TimeInput;
  /** Wording overrides per builder. */
  readonly templates?: CommsTemplates;
  /** Internal messages only: who it is for. Default `stakeholders`. */
  readonly audience?: 'responders' | 'stakeholders';
}

const OptionsSchema = /*#__PURE__*/ z.strictObject({
  policy: z.optional(z.unknown()),
  timeZone: z.optional(z.string()),
  at: z.optional(TimestampSchema),
  templates: z.optional(z.unknown()),
  audience: z.optional(z.enum(['responders', 'stakeholders'])),
});

/** Everything a builder needs, validated. */
export interface BuildContext {
  readonly incident: Incident;
  readonly policy: SeverityPolicy;
  readonly requirements: SeverityRequirements;
  readonly timeZone: string | undefined;
  readonly at: EpochMs;
  readonly templates: CommsTemplates;
  readonly audience: 'responders' | 'stakeholders';
}

function rerootPolicyError(error: unknown): never {
  if (error instanceof IncidentKitError && error.code === 'INVALID_INPUT') {
    const issues = error.issues.map((i) => ({
      path: i.path.startsWith('policy') ? `options.${i.path}` : i.path,
      message: i.message,
    }));
    throw new IncidentKitError('INVALID_INPUT', error.reason, { issues });
  }
  throw error;
}

/** Latest event time of an incident: its newest timeline entry, else its detection. */
export function latestEventAt(incident: Incident): EpochMs {
  let latest = incident.milestones.detectedAt;
  for (const entry of incident.timeline) if (entry.at > latest) latest = entry.at;
  return latest;
}

/** Validates the incident and options of a builder. */
export function buildContext(incident: unknown, options: unknown): BuildContext {
  const parsedIncident = parseWith(IncidentSchema, incident, 'incident');
  const opts = parseWith(OptionsSchema, options ?? {}, 'options');
  assertTimeZone(opts.timeZone, 'options.timeZone');
  let policy: SeverityPolicy;
  try {
    policy = resolvePolicy(opts.policy as SeverityPolicy | SeverityPolicyConfig | undefined);
  } catch (error) {
    rerootPolicyError(error);
  }
  let requirements: SeverityRequirements;
  try {
    requirements = requirementsFor(policy, parsedIncident.severity);
  } catch {
    // An incident classified under another policy: its severity is unknown to this one.
    throw new IncidentKitError(
      'INVALID_INPUT',
      `incident.severity: ${JSON.stringify(parsedIncident.severity)} is not on the policy's scale`,
      { issues: [{ path: 'incident.severity', message: "is not on the policy's scale" }] },
    );
  }
  return {
    incident: parsedIncident,
    policy,
    requirements,
    timeZone: opts.timeZone,
    at: opts.at ?? latestEventAt(parsedIncident),
    templates: checkTemplates(opts.templates, 'options.templates'),
    audience: opts.audience ?? 'stakeholders',
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

const PHASE_TEXT: Readonly<Record<Phase, string>> = {
  detect: 'Investigating',
  triage: 'Triaging',
  mitigate: 'Mitigating',
  resolve: 'Mitigated, monitoring',
  review: 'Resolved, in review',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The phase in words for internal audiences. */
export function phaseText(phase: Phase): string {
  return PHASE_TEXT[phase];
}

function figure(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  const [whole, fraction] = String(Math.abs(rounded)).split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** The impact in words for internal audiences; `Not yet known` when it states nothing. */
export function impactText(impact: Impact): string {
  const parts: string[] = [];
  if (impact.coreFunctionalityDown) parts.push('core functionality down');
  if (impact.usersAffectedPct !== undefined)
    parts.push(`${figure(impact.usersAffectedPct)}% of users affected`);
  if (impact.customerFacing === true) parts.push('customer-facing');
  if (impact.customerFacing === false) parts.push('not customer-facing');
  if (impact.degraded) parts.push('degraded service');
  if (impact.dataLoss) parts.push('data loss');
  if (impact.securityBreach) parts.push('security breach');
  if (impact.regions && impact.regions.length > 0) parts.push(`regions ${impact.regions.join(', ')}`);
  if (impact.revenueImpact !== undefined) parts.push(`revenue impact ${figure(impact.revenueImpact)}`);
  for (const [key, value] of Object.entries(impact.attributes ?? {})) parts.push(`${key}: ${String(value)}`);
  if (parts.length === 0) return 'Not yet known';
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Longest value a field holds (lists are also joined into `value`). */
const VALUE_MAX = 20_000;

function cap(text: string): string {
  if (text.length <= VALUE_MAX) return text;
  const cut =
    text.charCodeAt(VALUE_MAX - 2) >= 0xd800 && text.charCodeAt(VALUE_MAX - 2) <= 0xdbff
      ? VALUE_MAX - 2
      : VALUE_MAX - 1;
  return `${text.slice(0, cut)}…`;
}

/** A field, or nothing when the value is absent or blank. Values are capped at 20 000 characters. */
export function field(
  key: string,
  label: string,
  value: string | readonly string[] | undefined,
  url?: string,
): MessageField[] {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    return [url === undefined ? { key, label, value: cap(value) } : { key, label, value: cap(value), url }];
  }
  const items = value.filter((v) => v.trim() !== '');
  if (items.length === 0) return [];
  return [{ key, label, value: cap(items.join('; ')), items }];
}
