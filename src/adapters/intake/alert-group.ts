// The alert-group webhook body Prometheus Alertmanager sends (webhook_config, version "4") and Grafana
// Alerting's webhook contact point extends (version "1"): both parsers share this shape and mapping.
import * as z from 'zod/mini';
import { LIMITS } from '../../internal/limits.js';
import { parseWith } from '../../internal/validate.js';
import { checkTime, invalidInput } from '../../model/index.js';
import { built, lazySchema } from '../../model/lazy.js';
import type { Signal } from '../signal.js';

const MAX_ALERTS = 10_000;
// The manager's bounds on a signal's dedup key and labels.
const MAX_KEY = 200;

const stringMap = /*#__PURE__*/ lazySchema(() => z.record(z.string(), z.string()));

/** One alert of a group, with the fields both tools send. Unknown fields are kept, never rejected. */
const AlertSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    status: z.enum(['firing', 'resolved']),
    labels: built(stringMap),
    annotations: z.optional(built(stringMap)),
    startsAt: z.string(),
    endsAt: z.optional(z.string()),
    generatorURL: z.optional(z.string()),
    fingerprint: z.string().check(z.minLength(1), z.maxLength(MAX_KEY)),
  }),
);

/** The group envelope around the alerts. */
function alertGroupSchema(version: string) {
  return z.looseObject({
    version: z.optional(z.literal(version)),
    status: z.enum(['firing', 'resolved']),
    receiver: z.optional(z.string()),
    groupKey: z.optional(z.string()),
    alerts: z.array(AlertSchema).check(z.maxLength(MAX_ALERTS)),
  });
}

type Alert = z.output<typeof AlertSchema>;

// Go's zero time.Time: Alertmanager and Grafana send it as `endsAt` while an alert has no end.
const GO_ZERO_TIME = /^0001-01-01T00:00:00(?:\.0+)?Z$/;

function time(value: string, path: string): number {
  const result = checkTime(value);
  if (!result.ok) throw invalidInput(path, result.message);
  return result.ms;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function titleOf(alert: Alert): string {
  const candidates = [alert.annotations?.summary, alert.labels.alertname, `alert ${alert.fingerprint}`];
  for (const candidate of candidates) {
    const trimmed = candidate?.replace(/\s+/g, ' ').trim();
    if (trimmed) return clip(trimmed, LIMITS.title);
  }
  return clip(`alert ${alert.fingerprint}`, LIMITS.title);
}

/** Parses an alert-group body and maps each alert onto a {@link Signal}. */
export function signalsFromAlertGroup(
  payload: unknown,
  options: { readonly source: string; readonly version: string },
): Signal[] {
  const group = parseWith(alertGroupSchema(options.version), payload, 'payload');
  return group.alerts.map((alert, i) => {
    const at = `payload.alerts[${i}]`;
    const startsAt = time(alert.startsAt, `${at}.startsAt`);
    const endsAt =
      alert.endsAt === undefined || GO_ZERO_TIME.test(alert.endsAt.trim())
        ? undefined
        : time(alert.endsAt, `${at}.endsAt`);
    // A resolved alert is timed at its end; a firing one at its start (its endsAt is only the
    // time Alertmanager would consider it stale, not an end).
    const when = alert.status === 'resolved' && endsAt !== undefined ? Math.max(endsAt, startsAt) : startsAt;
    // Object.fromEntries defines own properties, so a `__proto__` label cannot reach a prototype.
    // Labels beyond the signal's bounds (keys over 200 characters) are dropped, long values clipped.
    const labels: Record<string, string> = Object.fromEntries(
      Object.entries(alert.labels)
        .filter(([key]) => key.length <= MAX_KEY)
        .map(([key, value]) => [key, clip(value, LIMITS.text)]),
    );
    return {
      source: options.source,
      dedupKey: alert.fingerprint,
      status: alert.status,
      title: titleOf(alert),
      at: when,
      labels,
    };
  });
}
