import { IncidentKitError } from '../model/errors.js';
import type { SeverityPolicy } from './policy.js';
import type { SeverityLevel } from './scale.js';

// Name (upper-cased key or alias) → level, per scale array; scales are not mutated once defined.
const lookups = new WeakMap<readonly SeverityLevel[], Map<string, SeverityLevel>>();

/**
 * The scale level for a key or alias (case-insensitive), or `undefined`.
 *
 * @example
 * ```ts
 * import { severityLevel, defaultSeverityPolicy } from 'incidentkit/severity';
 * severityLevel(defaultSeverityPolicy, 'p0')?.key; // 'SEV1'
 * ```
 */
export function severityLevel(
  policy: { readonly scale: readonly SeverityLevel[] },
  keyOrAlias: string,
): SeverityLevel | undefined {
  let byName = lookups.get(policy.scale);
  if (!byName) {
    byName = new Map();
    for (const level of policy.scale) {
      for (const name of [level.key, ...level.aliases]) {
        const folded = name.toUpperCase();
        if (!byName.has(folded)) byName.set(folded, level);
      }
    }
    lookups.set(policy.scale, byName);
  }
  return byName.get(keyOrAlias) ?? byName.get(keyOrAlias.toUpperCase());
}

/**
 * The canonical key for a key or alias; `INVALID_INPUT` naming `path` when the scale has no such
 * severity.
 *
 * @example
 * ```ts
 * import { severityKey, defaultSeverityPolicy } from 'incidentkit/severity';
 * severityKey(defaultSeverityPolicy, 'P1'); // 'SEV2'
 * ```
 */
export function severityKey(policy: SeverityPolicy, keyOrAlias: string, path = 'severity'): string {
  const level = typeof keyOrAlias === 'string' ? severityLevel(policy, keyOrAlias) : undefined;
  if (level) return level.key;
  const known = policy.scale.map((l) => [l.key, ...l.aliases].join('/')).join(', ');
  const message = `unknown severity ${JSON.stringify(keyOrAlias)}; the scale has ${known}`;
  throw new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
}
