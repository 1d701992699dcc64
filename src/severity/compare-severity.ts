import { IncidentKitError } from '../model/errors.js';
import type { SeverityLevel } from './scale.js';
import { defaultSeverityScale } from './scale.js';
import { severityLevel } from './severity-key.js';

function rankOf(scale: readonly SeverityLevel[], severity: string | undefined, path: string): number {
  if (severity === undefined) return Number.POSITIVE_INFINITY;
  const level = severityLevel({ scale }, severity);
  if (!level) {
    const message = `unknown severity ${JSON.stringify(severity)}`;
    throw new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
  }
  return level.rank;
}

/**
 * Orders severities: negative when `a` is more severe than `b`, so `sort` puts the worst first.
 * An undefined severity (unclassified) sorts last.
 *
 * @example
 * ```ts
 * import { compareSeverity } from 'incidentkit/severity';
 * ['SEV3', 'SEV1', 'P1'].sort((a, b) => compareSeverity(a, b)); // ['SEV1', 'P1', 'SEV3']
 * ```
 */
export function compareSeverity(
  a: string | undefined,
  b: string | undefined,
  scale: readonly SeverityLevel[] = defaultSeverityScale,
): number {
  const ra = rankOf(scale, a, 'a');
  const rb = rankOf(scale, b, 'b');
  if (ra === rb) return 0;
  return ra < rb ? -1 : 1;
}
