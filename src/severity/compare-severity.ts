import { readOptions } from '../internal/validate.js';
import { IncidentKitError, invalidInput } from '../model/errors.js';
import type { SeverityLevel } from './scale.js';
import { defaultSeverityScale } from './scale.js';
import { levelOf } from './severity-key.js';

/** Options of {@link compareSeverity}. */
export interface CompareSeverityOptions {
  /** The scale the keys belong to (default: the default scale). */
  readonly scale?: readonly SeverityLevel[] | undefined;
}

function rankOf(scale: readonly SeverityLevel[], severity: unknown, path: string): number {
  if (severity === undefined) return Number.POSITIVE_INFINITY;
  if (typeof severity !== 'string') throw invalidInput(path, 'expected a severity key, alias, or undefined');
  const level = severity.length <= 32 ? levelOf(scale, severity) : undefined;
  if (!level) {
    const message = `unknown severity ${JSON.stringify(severity.slice(0, 40))}`;
    throw new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
  }
  return level.rank;
}

function scaleOf(value: unknown): readonly SeverityLevel[] {
  const scale = Array.isArray(value)
    ? value
    : value === undefined
      ? undefined
      : (value as CompareSeverityOptions).scale;
  if (scale === undefined) return defaultSeverityScale;
  if (!Array.isArray(scale) || scale.length === 0 || scale.length > 20)
    throw invalidInput('options.scale', 'expected a scale: 1 to 20 levels');
  for (let i = 0; i < scale.length; i++) {
    const level = scale[i] as Partial<SeverityLevel> | null;
    if (
      typeof level !== 'object' ||
      level === null ||
      typeof level.key !== 'string' ||
      typeof level.rank !== 'number' ||
      !Array.isArray(level.aliases) ||
      level.aliases.length > 10 ||
      !level.aliases.every((alias) => typeof alias === 'string')
    )
      throw invalidInput(
        `options.scale[${i}]`,
        'expected a level { key, rank, aliases } with at most 10 aliases',
      );
  }
  return scale as readonly SeverityLevel[];
}

/**
 * Orders severities worst first: negative when `a` is more severe than `b`, so
 * `list.sort(compareSeverity)` puts SEV1 first; an undefined severity sorts last.
 *
 * @example
 * ```ts
 * import { compareSeverity } from 'incidentkit/severity';
 * ['SEV3', 'SEV1', 'P1'].sort((a, b) => compareSeverity(a, b)); // ['SEV1', 'P1', 'SEV3']
 * ```
 */
export function compareSeverity(
  a: string | undefined,
  b: string | undefined,
  options?: CompareSeverityOptions,
): number;
/** @deprecated Use `compareSeverity(a, b, { scale })`; this form goes in 1.0. */
export function compareSeverity(
  a: string | undefined,
  b: string | undefined,
  scale: readonly SeverityLevel[],
): number;
export function compareSeverity(a: unknown, b: unknown, third?: unknown): number {
  if (third !== undefined && (typeof third !== 'object' || third === null))
    throw invalidInput('options', 'expected an options object ({ scale }) or nothing');
  // Read once (the options or the positional scale), so a throwing getter is INVALID_INPUT.
  const scale = scaleOf(readOptions(third));
  const ra = rankOf(scale, a, 'a');
  const rb = rankOf(scale, b, 'b');
  if (ra === rb) return 0;
  return ra < rb ? -1 : 1;
}
