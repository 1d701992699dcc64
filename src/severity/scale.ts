import { SEVERITY_KEY_MAX } from '../internal/limits.js';
import { snapshotInput } from '../internal/validate.js';
import { invalidInput } from '../model/errors.js';

/**
 * One level of a severity scale. `rank` 1 is the most severe; `aliases` are accepted wherever a
 * key is (case-insensitive).
 *
 * @example
 * ```ts
 * import type { SeverityLevel } from 'incidentkit/severity';
 * const level: SeverityLevel = { key: 'SEV1', rank: 1, name: 'Critical', description: 'Complete outage', aliases: ['P0'] };
 * ```
 */
export interface SeverityLevel {
  key: string;
  rank: number;
  name: string;
  description: string;
  aliases: string[];
}

/**
 * The default four-level scale: SEV1 Critical, SEV2 Major, SEV3 Minor, SEV4 Low, with aliases
 * P0–P3.
 *
 * @example
 * ```ts
 * import { defaultSeverityScale } from 'incidentkit/severity';
 * defaultSeverityScale.map((l) => l.key); // ['SEV1', 'SEV2', 'SEV3', 'SEV4']
 * ```
 */
export const defaultSeverityScale: readonly SeverityLevel[] = [
  {
    key: 'SEV1',
    rank: 1,
    name: 'Critical',
    description: 'Complete outage or core functionality unavailable; data loss or a security breach.',
    aliases: ['P0'],
  },
  {
    key: 'SEV2',
    rank: 2,
    name: 'Major',
    description: 'Significant degradation or a major feature down for many users.',
    aliases: ['P1'],
  },
  {
    key: 'SEV3',
    rank: 3,
    name: 'Minor',
    description: 'Limited impact; a workaround exists.',
    aliases: ['P2'],
  },
  {
    key: 'SEV4',
    rank: 4,
    name: 'Low',
    description: 'Minimal or cosmetic impact.',
    aliases: ['P3'],
  },
];

// Scales of policies defineSeverityPolicy returned (the default scale among them): frozen with
// their policy, so the functions that take a scale use them as they are.
const trustedScales = new WeakSet<object>();

/** Marks a frozen, checked scale as safe to use without reading it again. */
export function trustScale(scale: readonly SeverityLevel[]): void {
  trustedScales.add(scale);
}

/** Whether `value` is a scale of a policy {@link defineSeverityPolicy} returned. */
export function isTrustedScale(value: unknown): value is readonly SeverityLevel[] {
  return typeof value === 'object' && value !== null && trustedScales.has(value);
}

// Scales a caller handed in, checked once (a frozen copy), by the array they passed: a comparator
// that runs per pair of a sort reads and checks its scale only on the first call.
const checkedScales = new WeakMap<object, readonly SeverityLevel[]>();

/**
 * A scale as a caller passed it (`compareSeverity`'s `scale`, a `{ scale }` holder), read once:
 * a trusted scale as it is, anything else copied ({@link snapshotInput}), checked (1 to 20 levels
 * `{ key, rank, aliases }`), frozen and remembered by the array it came from. `INVALID_INPUT` at
 * `path` otherwise.
 */
export function readScale(value: unknown, path: string): readonly SeverityLevel[] {
  if (isTrustedScale(value)) return value;
  if (typeof value !== 'object' || value === null)
    throw invalidInput(path, 'expected a scale: 1 to 20 levels');
  const known = checkedScales.get(value);
  if (known) return known;
  const checked = checkScale(snapshotInput(value, path), path);
  checkedScales.set(value, checked);
  trustScale(checked);
  return checked;
}

function checkScale(scale: unknown, path: string): readonly SeverityLevel[] {
  if (!Array.isArray(scale) || scale.length === 0 || scale.length > 20)
    throw invalidInput(path, 'expected a scale: 1 to 20 levels');
  const levels: SeverityLevel[] = [];
  for (let i = 0; i < scale.length; i++) {
    const level = scale[i] as Partial<SeverityLevel> | null;
    if (
      typeof level !== 'object' ||
      level === null ||
      typeof level.key !== 'string' ||
      level.key.length > SEVERITY_KEY_MAX ||
      typeof level.rank !== 'number' ||
      !Number.isFinite(level.rank) ||
      !Array.isArray(level.aliases) ||
      level.aliases.length > 10 ||
      !level.aliases.every((alias) => typeof alias === 'string' && alias.length <= SEVERITY_KEY_MAX)
    )
      throw invalidInput(
        `${path}[${i}]`,
        `expected a level { key, rank, aliases } with at most 10 aliases of at most ${SEVERITY_KEY_MAX} characters`,
      );
    levels.push(
      Object.freeze({
        key: level.key,
        rank: level.rank,
        name: typeof level.name === 'string' ? level.name : level.key,
        description: typeof level.description === 'string' ? level.description : '',
        aliases: Object.freeze([...level.aliases]) as string[],
      }),
    );
  }
  return Object.freeze(levels);
}
