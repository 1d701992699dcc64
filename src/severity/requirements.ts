import { invalidInput } from '../model/errors.js';
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
  const old = typeof second === 'string' || isPolicyLike(first);
  const policyArg = old ? first : (second as RequirementsForOptions | undefined)?.policy;
  const severity = old ? second : first;
  if (!old && second !== undefined && (typeof second !== 'object' || second === null))
    throw invalidInput('options', 'expected an options object or nothing');
  if (severity !== undefined && typeof severity !== 'string')
    throw invalidInput('severity', 'expected a severity key or alias');
  const p = resolvePolicy(policyArg as SeverityPolicy | undefined);
  const key = severity === undefined ? p.uncertain : keyOf(p, severity, 'severity');
  const found = p.requirements[key]!;
  return { ...found, requiredRoles: [...found.requiredRoles] };
}
