import type { Signal } from '../signal.js';
import { signalsFromAlertGroup } from './alert-group.js';

/**
 * Turns the body a Grafana Alerting webhook contact point POSTs (Grafana 8+ unified alerting,
 * `version: "1"`: Alertmanager's group body plus `orgId`, `title`, `state`, `message` and per-alert
 * `values`, `silenceURL`, `dashboardURL`, `panelURL`) into signals, one per alert, mapped as
 * {@link fromAlertmanager} maps them: `dedupKey` = the alert's `fingerprint`. A malformed body is
 * `INVALID_INPUT` naming the field; the pre-8 legacy alerting body (no `alerts`) is rejected.
 *
 * @param payload - The parsed JSON body of the webhook request.
 * @returns One signal per alert, in the order Grafana sent them.
 * @throws IncidentKitError `INVALID_INPUT` when the body is not a Grafana Alerting webhook payload.
 *
 * @example
 * ```ts
 * import { fromGrafanaAlert } from 'incidentkit/adapters';
 * const [signal] = fromGrafanaAlert({
 *   receiver: 'incidentkit', status: 'resolved', orgId: 1, version: '1', state: 'ok', title: '[RESOLVED]',
 *   alerts: [{
 *     status: 'resolved', labels: { alertname: 'High memory usage', team: 'blue' }, annotations: {},
 *     startsAt: '2026-11-24T09:00:00+01:00', endsAt: '2026-11-24T09:20:00+01:00',
 *     fingerprint: 'c6eadffa33fcdf37', values: { B: 44.2 },
 *   }],
 * });
 * signal?.status; // 'resolved'
 * ```
 */
export function fromGrafanaAlert(payload: unknown): Signal[] {
  return signalsFromAlertGroup(payload, { source: 'grafana', version: '1' });
}
