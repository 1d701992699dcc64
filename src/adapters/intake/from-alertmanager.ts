import type { Signal } from '../signal.js';
import { signalsFromAlertGroup } from './alert-group.js';

/**
 * Turns the body Prometheus Alertmanager POSTs to a `webhook_config` receiver (webhook version 4)
 * into signals, one per alert: `dedupKey` is the alert's `fingerprint` (stable across firing and
 * resolved notifications, so a flapping alert stays one incident), `status` the alert's own status,
 * `title` its `summary` annotation (else its `alertname` label), `at` its `startsAt` (its `endsAt`
 * once resolved), `labels` its labels. A malformed body is `INVALID_INPUT` naming the field
 * (`payload.alerts[0].startsAt`); a version other than `"4"` is rejected.
 *
 * @param payload - The parsed JSON body of the webhook request.
 * @returns One signal per alert, in the order Alertmanager sent them.
 * @throws IncidentKitError `INVALID_INPUT` when the body is not a version-4 webhook payload.
 *
 * @example
 * ```ts
 * import { fromAlertmanager } from 'incidentkit/adapters';
 * const [signal] = fromAlertmanager({
 *   version: '4', status: 'firing', receiver: 'incidentkit', groupKey: '{}:{alertname="HighErrorRate"}',
 *   alerts: [{
 *     status: 'firing', labels: { alertname: 'HighErrorRate', service: 'checkout' },
 *     annotations: { summary: 'Checkout 5xx above 5%' },
 *     startsAt: '2026-11-24T09:00:00Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'c6eadffa33fcdf37',
 *   }],
 * });
 * signal?.dedupKey; // 'c6eadffa33fcdf37'
 * ```
 */
export function fromAlertmanager(payload: unknown): Signal[] {
  return signalsFromAlertGroup(payload, { source: 'alertmanager', version: '4' });
}
