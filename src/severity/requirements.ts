import {
  resolvePolicy,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  type SeverityRequirements,
} from './policy.js';
import { severityKey } from './severity-key.js';

/**
 * What a severity requires (a copy; safe to change). An undefined severity means "not yet
 * classified" and gets the `uncertain` severity's requirements. Aliases are accepted.
 *
 * @example
 * ```ts
 * import { requirementsFor, defaultSeverityPolicy } from 'incidentkit/severity';
 * requirementsFor(defaultSeverityPolicy, 'P0').requiredRoles; // ['commander', 'commsLead']
 * ```
 */
export function requirementsFor(
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  severity: string | undefined,
): SeverityRequirements {
  const p = resolvePolicy(policy);
  const key = severity === undefined ? p.uncertain : severityKey(p, severity);
  const found = p.requirements[key]!;
  return { ...found, requiredRoles: [...found.requiredRoles] };
}
