import { IncidentKitError, isIncidentKitError } from '../model/errors.js';
import type { SeverityPolicy, SeverityPolicyConfig } from './policy.js';

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

/** Whether `value` is a policy (or a policy config) rather than an options object or an impact. */
export function isPolicyLike(value: unknown): value is SeverityPolicy | SeverityPolicyConfig {
  return guarded(() => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    for (const key of POLICY_KEYS) if (Object.hasOwn(value, key)) return true;
    return false;
  });
}

/** Runs a read of a caller's argument; a getter or trap that throws is INVALID_INPUT with it as the cause. */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (isIncidentKitError(cause)) throw cause;
    throw new IncidentKitError('INVALID_INPUT', 'reading an argument threw', {
      issues: [{ path: '', message: 'reading it threw' }],
      cause,
    });
  }
}
