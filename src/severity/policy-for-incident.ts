import { IncidentKitError } from '../model/errors.js';
import { resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from './policy.js';

/** The policy stamp an incident carries (`incident.policy`); a stamp-less incident reads as `default`. */
export interface PolicyStamp {
  readonly id: string;
  readonly version: string;
}

/** What {@link policyForIncident} reads: a policy, or policies by id for lists that mix them. */
export interface PolicyForIncidentOptions {
  /** The policy to judge by; default the default policy. Its id must match the incident's stamp. */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
  /** Policies by id, for functions over many incidents declared under different policies. */
  readonly policies?: Readonly<Record<string, SeverityPolicy | SeverityPolicyConfig>> | undefined;
}

/**
 * The policy to judge one incident by: from `policies` by the incident's stamp, else `policy`
 * (default: the default policy). Throws `POLICY_MISMATCH` naming both ids when the policy is not
 * the one the incident was declared under: a custom scale's `P2` must never be read on the default
 * scale. A different `version` of the same id is fine: new decisions follow the new rules.
 *
 * @example
 * ```ts
 * import { declareIncident } from 'incidentkit/lifecycle';
 * import { policyForIncident } from 'incidentkit/severity';
 * const { incident } = declareIncident({ title: 'Checkout errors', at: 0 });
 * policyForIncident(incident).id; // 'default'
 * ```
 */
export function policyForIncident(
  incident: { readonly id: string; readonly policy?: PolicyStamp | undefined },
  options: PolicyForIncidentOptions = {},
): SeverityPolicy {
  const stamped = incident.policy?.id ?? 'default';
  const policies = options.policies;
  if (policies !== undefined && Object.hasOwn(policies, stamped)) {
    const chosen = resolvePolicy(policies[stamped]);
    return checked(incident.id, stamped, chosen);
  }
  return checked(incident.id, stamped, resolvePolicy(options.policy));
}

function checked(incidentId: string, stamped: string, policy: SeverityPolicy): SeverityPolicy {
  if (policy.id === stamped) return policy;
  throw new IncidentKitError(
    'POLICY_MISMATCH',
    `${incidentId} was declared under policy "${stamped}", not "${policy.id}"; pass { policy } (or { policies }) with id "${stamped}"`,
    { incidentId, expectedPolicyId: stamped, actualPolicyId: policy.id },
  );
}
