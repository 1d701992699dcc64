import { guarded } from './guard.js';
import type { SeverityPolicy, SeverityPolicyConfig } from './policy.js';
import { isDefinedPolicy } from './policy.js';

// The deprecated positional call shapes take a policy where the new ones take an options object
// (or an impact): these tell them apart. A policy always has one of its own keys; options and
// impacts never do.
const POLICY_KEYS = [
  'scale',
  'rules',
  'requirements',
  'default',
  'uncertain',
  'monotone',
  'id',
  'version',
] as const;

/**
 * Whether `value` is a policy (or a policy config) rather than an options object or an impact. A
 * policy {@link defineSeverityPolicy} returned is recognised without reading it; anything else is
 * asked only for its own keys (no getter runs), and a trap that throws is `INVALID_INPUT` at `path`.
 */
export function isPolicyLike(value: unknown, path = ''): value is SeverityPolicy | SeverityPolicyConfig {
  if (isDefinedPolicy(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  return guarded(() => {
    if (Array.isArray(value)) return false;
    for (const key of POLICY_KEYS) if (Object.hasOwn(value, key)) return true;
    return false;
  }, path);
}
