import { invalidInput } from '../model/errors.js';
import { optionOf } from './guard.js';
import {
  resolvePolicy,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  type SeverityRequirements,
} from './policy.js';
import { isPolicyLike } from './policy-arg.js';
import { keyOf } from './severity-key.js';

/** Options of {@link requirementsFor}. */
export interface RequirementsForOptions {
  /** The policy whose requirements to read (default: the default policy). */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
}

/**
 * What a severity (key or alias) requires under the policy; an undefined severity reads as the
 * policy's `uncertain` one. Throws `INVALID_INPUT` for a severity the scale does not know.
 *
 * @example
 * ```ts
 * import { requirementsFor } from 'incidentkit/severity';
 * requirementsFor('SEV1').updateEveryMinutes; // 15
 * requirementsFor('P0').requiredRoles; // ['commander', 'commsLead']
 * ```
 */
export function requirementsFor(
  severity: string | undefined,
  options?: RequirementsForOptions,
): SeverityRequirements;
/** @deprecated Use `requirementsFor(severity, { policy })`; this form goes in 1.0. */
export function requirementsFor(
  policy: SeverityPolicy | SeverityPolicyConfig | undefined,
  severity: string | undefined,
): SeverityRequirements;
export function requirementsFor(first: unknown, second?: unknown): SeverityRequirements {
  const old = typeof second === 'string' || isPolicyLike(first, 'policy');
  // Read once: in the new form only `options.policy` is read, exactly once.
  const policyArg = old ? first : optionOf(second, 'policy');
  const severity = old ? second : first;
  if (severity !== undefined && typeof severity !== 'string')
    throw invalidInput('severity', 'expected a severity key or alias');
  const p = resolvePolicy(policyArg as SeverityPolicy | SeverityPolicyConfig | undefined);
  const key = severity === undefined ? p.uncertain : keyOf(p, severity, 'severity');
  return copyRequirements(p.requirements[key]!);
}

/**
 * A copy the caller may change. Field by field, and the roles by spread: on a frozen policy, object
 * spread and `Array.prototype.slice` take V8's slow paths (5× and 60× slower here), and this runs
 * per event inside the lifecycle's guards.
 */
function copyRequirements(r: SeverityRequirements): SeverityRequirements {
  const out = {} as SeverityRequirements;
  if (r.updateEveryMinutes !== undefined) out.updateEveryMinutes = r.updateEveryMinutes;
  out.requiredRoles = [...r.requiredRoles];
  out.page = r.page;
  out.statusPage = r.statusPage;
  out.customerComms = r.customerComms;
  out.postmortemRequired = r.postmortemRequired;
  if (r.postmortemDueHours !== undefined) out.postmortemDueHours = r.postmortemDueHours;
  if (r.ackWithinMinutes !== undefined) out.ackWithinMinutes = r.ackWithinMinutes;
  if (r.mitigateWithinMinutes !== undefined) out.mitigateWithinMinutes = r.mitigateWithinMinutes;
  out.businessHoursOnly = r.businessHoursOnly;
  return out;
}
