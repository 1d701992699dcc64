// PagerDuty's Events API v2 as developer.pagerduty.com documents it (docs/events-API-v2): POST
// /v2/enqueue with `routing_key` (32 characters), `event_action` (trigger | acknowledge | resolve),
// `dedup_key` (≤ 255), and for a trigger `payload.summary` (≤ 1024), `payload.source`,
// `payload.severity` (critical | error | warning | info). 202 `{ status: 'success', message:
// 'Event processed', dedup_key }`; 400 `{ status: 'invalid event', message: 'Event object is
// invalid', errors: [...] }`; 429 when throttled; 5xx on its own errors. Events for a dedup key
// apply to its open alert; acknowledge/resolve without one are dropped; a trigger after a resolve
// opens a new alert.
import type { RecordedRequest, Reply } from './vendor-server.js';

interface PagerDutyAlert {
  dedupKey: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  severity: string;
  summary: string;
  triggers: number;
  log: string[];
}

const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);

export function pagerDutyEvents(options: { routingKey: string }) {
  const alerts: PagerDutyAlert[] = [];
  const open = (key: string) => alerts.find((a) => a.dedupKey === key && a.status !== 'resolved');
  const invalid = (...errors: string[]): Reply => ({
    status: 400,
    body: { status: 'invalid event', message: 'Event object is invalid', errors },
  });
  const handler = (req: RecordedRequest): Reply => {
    if (req.method !== 'POST' || req.path !== '/v2/enqueue')
      return { status: 404, body: { status: 'not found' } };
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(req.body);
    } catch {
      return invalid('Event object is not valid JSON');
    }
    const errors: string[] = [];
    if (typeof event.routing_key !== 'string' || event.routing_key.length !== 32)
      errors.push("Length of 'routing_key' is incorrect (should be 32 characters)");
    if (!['trigger', 'acknowledge', 'resolve'].includes(String(event.event_action)))
      errors.push("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
    const key = event.dedup_key;
    if (key !== undefined && (typeof key !== 'string' || key.length > 255))
      errors.push("'dedup_key' must be a string of at most 255 characters");
    const payload = event.payload as Record<string, unknown> | undefined;
    if (event.event_action === 'trigger') {
      if (typeof payload?.summary !== 'string' || payload.summary === '')
        errors.push("'payload.summary' is missing");
      else if (payload.summary.length > 1024) errors.push("'payload.summary' is too long (max 1024)");
      if (typeof payload?.source !== 'string' || payload.source === '')
        errors.push("'payload.source' is missing");
      if (!SEVERITIES.has(String(payload?.severity))) errors.push("'payload.severity' is invalid");
    }
    if (errors.length > 0) return invalid(...errors);
    if (event.routing_key !== options.routingKey)
      return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: key } };
    const dedupKey = String(key ?? `generated-${alerts.length}`);
    const alert = open(dedupKey);
    switch (event.event_action) {
      case 'trigger':
        if (alert) {
          alert.triggers++;
          alert.severity = String(payload!.severity);
          alert.summary = String(payload!.summary);
          alert.log.push('trigger');
        } else
          alerts.push({
            dedupKey,
            status: 'triggered',
            severity: String(payload!.severity),
            summary: String(payload!.summary),
            triggers: 1,
            log: ['trigger'],
          });
        break;
      case 'acknowledge':
        if (alert) {
          alert.status = 'acknowledged';
          alert.log.push('acknowledge');
        }
        break;
      case 'resolve':
        if (alert) {
          alert.status = 'resolved';
          alert.log.push('resolve');
        }
        break;
    }
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
  };
  return { alerts, handler };
}
