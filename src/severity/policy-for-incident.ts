import { LIMITS, SEVERITY_KEY_MAX } from '../internal/limits.js';
import { IncidentKitError, invalidInput, isIncidentKitError } from '../model/errors.js';
import { isTrustedIncident } from '../model/trusted-incidents.js';
import { guarded, optionOf, unreadable } from './guard.js';
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
  let id: string;
  let stamped: string;
  if (isTrustedIncident(incident)) {
    // The per-event path inside decide: an incident incidentkit returned, read as it is.
    id = incident.id;
    stamped = incident.policy?.id ?? 'default';
  } else {
    [id, stamped] = stampOf(incident);
  }
  // Each option read once: no closure, no copy (this runs per event inside decide).
  const policies = optionOf(options, 'policies');
  const policy = optionOf(options, 'policy');
  if (policies !== undefined) {
    const chosen = fromPolicies(policies, stamped);
    if (chosen !== undefined) return checked(id, stamped, resolvePolicy(chosen as SeverityPolicy));
  }
  return checked(id, stamped, resolvePolicy(policy as SeverityPolicy | undefined));
}

/** The policy `policies` holds under `stamped` (its own key), or `undefined`. */
function fromPolicies(policies: unknown, stamped: string): unknown {
  if (typeof policies !== 'object' || policies === null)
    throw invalidInput('options.policies', 'expected policies by id');
  return guarded(
    () =>
      !Array.isArray(policies) && Object.hasOwn(policies, stamped)
        ? (policies as Record<string, unknown>)[stamped]
        : undefined,
    'options.policies',
  );
}

/**
 * The id and policy stamp of an incident incidentkit did not return, each read once and checked
 * (`id` a string, `policy` absent or `{ id: string }`); a getter or trap that throws is
 * `INVALID_INPUT` with its `cause`.
 */
function stampOf(incident: unknown): [id: string, stamped: string] {
  if (typeof incident !== 'object' || incident === null)
    throw invalidInput('incident', 'expected an incident');
  let id: unknown;
  let stamped: unknown;
  try {
    if (Array.isArray(incident)) throw invalidInput('incident', 'expected an incident');
    id = (incident as { id?: unknown }).id;
    const stamp: unknown = (incident as { policy?: unknown }).policy;
    stamped =
      stamp === undefined
        ? 'default'
        : typeof stamp === 'object' && stamp !== null
          ? (stamp as { id?: unknown }).id
          : undefined;
  } catch (cause) {
    if (isIncidentKitError(cause)) throw cause;
    throw unreadable('incident', cause);
  }
  if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.id)
    throw invalidInput('incident.id', `expected an incident id of 1 to ${LIMITS.id} characters`);
  if (typeof stamped !== 'string' || stamped.length === 0 || stamped.length > SEVERITY_KEY_MAX)
    throw invalidInput('incident.policy.id', 'expected the id of the policy the incident was declared under');
  return [id, stamped];
}

function checked(incidentId: string, stamped: string, policy: SeverityPolicy): SeverityPolicy {
  if (policy.id === stamped) return policy;
  throw new IncidentKitError(
    'POLICY_MISMATCH',
    `${incidentId} was declared under policy "${stamped}", not "${policy.id}"; pass { policy } (or { policies }) with id "${stamped}"`,
    { incidentId, expectedPolicyId: stamped, actualPolicyId: policy.id },
  );
}
