import { SEVERITY_KEY_MAX } from '../internal/limits.js';
import { IncidentKitError, invalidInput } from '../model/errors.js';
import { guarded, optionOf } from './guard.js';
import { isDefinedPolicy, resolvePolicy, type SeverityPolicy, type SeverityPolicyConfig } from './policy.js';
import { readScale, type SeverityLevel } from './scale.js';

// Name (upper-cased key or alias) → level, per scale array; scales are not mutated once defined.
const lookups = new WeakMap<readonly SeverityLevel[], Map<string, SeverityLevel>>();

/** The level a key or alias names on a scale (case-insensitive), or `undefined`. No validation: the lifecycle's path. */
export function levelOf(scale: readonly SeverityLevel[], keyOrAlias: string): SeverityLevel | undefined {
  let byName = lookups.get(scale);
  if (!byName) {
    byName = new Map();
    for (const level of scale) {
      for (const name of [level.key, ...level.aliases]) {
        const folded = name.toUpperCase();
        if (!byName.has(folded)) byName.set(folded, level);
      }
    }
    lookups.set(scale, byName);
  }
  return byName.get(keyOrAlias) ?? byName.get(keyOrAlias.toUpperCase());
}

/** The scale key for a key or alias, or `INVALID_INPUT` at `path` listing the scale. */
export function keyOf(
  policy: { readonly scale: readonly SeverityLevel[] },
  keyOrAlias: unknown,
  path: string,
): string {
  const level =
    typeof keyOrAlias === 'string' && keyOrAlias.length <= SEVERITY_KEY_MAX
      ? levelOf(policy.scale, keyOrAlias)
      : undefined;
  if (level) return level.key;
  const known = policy.scale.map((l) => [l.key, ...l.aliases].join('/')).join(', ');
  const shown =
    typeof keyOrAlias === 'string' ? JSON.stringify(keyOrAlias.slice(0, 40)) : `a ${typeof keyOrAlias}`;
  const message = `unknown severity ${shown}; the scale has ${known}`;
  throw new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Options of {@link severityLevel} and {@link severityKey}. */
export interface SeverityKeyOptions {
  /** The policy whose scale to read (default: the default policy). */
  readonly policy?: SeverityPolicy | SeverityPolicyConfig | undefined;
}

/** A scale and the name to look up on it, from either call shape. */
function scaleArgs(first: unknown, second: unknown): { scale: readonly SeverityLevel[]; name: unknown } {
  // The lifecycle's path: a policy defineSeverityPolicy returned, used as it is.
  if (isDefinedPolicy(first)) return { scale: first.scale, name: second };
  if (typeof first === 'string' || first === undefined) {
    const policy = optionOf(second, 'policy') as SeverityPolicy | SeverityPolicyConfig | undefined;
    return { scale: resolvePolicy(policy).scale, name: first };
  }
  if (typeof first !== 'object' || first === null)
    throw invalidInput('keyOrAlias', 'expected a severity key or alias');
  // The deprecated form: a policy (checked like any other) or a `{ scale }` holder, read once.
  if (guarded(() => !Array.isArray(first) && Object.hasOwn(first, 'rules'), 'policy'))
    return { scale: resolvePolicy(first as SeverityPolicyConfig).scale, name: second };
  const scale = optionOf(first, 'scale', 'policy');
  if (scale === undefined || scale === null)
    throw invalidInput('policy.scale', 'expected the policy (or a scale holder) first');
  return { scale: readScale(scale, 'policy.scale'), name: second };
}

/**
 * The scale level a key or alias names (case-insensitive: `sev1`, `P0`), or `undefined`.
 *
 * @example
 * ```ts
 * import { severityLevel } from 'incidentkit/severity';
 * severityLevel('P0')?.key; // 'SEV1'
 * ```
 */
export function severityLevel(keyOrAlias: string, options?: SeverityKeyOptions): SeverityLevel | undefined;
/** @deprecated Use `severityLevel(keyOrAlias, { policy })`; this form goes in 1.0. */
export function severityLevel(
  policy: { readonly scale: readonly SeverityLevel[] },
  keyOrAlias: string,
): SeverityLevel | undefined;
export function severityLevel(first: unknown, second?: unknown): SeverityLevel | undefined {
  const { scale, name } = scaleArgs(first, second);
  if (typeof name !== 'string') throw invalidInput('keyOrAlias', 'expected a severity key or alias');
  return name.length <= SEVERITY_KEY_MAX ? levelOf(scale, name) : undefined;
}

/**
 * The scale key for a key or alias; `INVALID_INPUT` for one the scale does not know.
 *
 * @example
 * ```ts
 * import { severityKey } from 'incidentkit/severity';
 * severityKey('p1'); // 'SEV2'
 * ```
 */
export function severityKey(keyOrAlias: string, options?: SeverityKeyOptions): string;
/** @deprecated Use `severityKey(keyOrAlias, { policy })`; this form goes in 1.0. */
export function severityKey(policy: SeverityPolicy, keyOrAlias: string, path?: string): string;
export function severityKey(first: unknown, second?: unknown, path?: unknown): string {
  const { scale, name } = scaleArgs(first, second);
  return keyOf({ scale }, name, typeof path === 'string' ? path : 'severity');
}
