import { SEVERITY_KEY_MAX } from '../internal/limits.js';
import { IncidentKitError, invalidInput } from '../model/errors.js';
import { guarded, optionOf } from './guard.js';
import { defaultSeverityScale, readScale, type SeverityLevel } from './scale.js';
import { levelOf } from './severity-key.js';

/** Options of {@link compareSeverity}. */
export interface CompareSeverityOptions {
  /** The scale the keys belong to (default: the default scale). */
  readonly scale?: readonly SeverityLevel[] | undefined;
}

function rankOf(scale: readonly SeverityLevel[], severity: unknown, path: string): number {
  if (severity === undefined) return Number.POSITIVE_INFINITY;
  if (typeof severity !== 'string') throw invalidInput(path, 'expected a severity key, alias, or undefined');
  const level = severity.length <= SEVERITY_KEY_MAX ? levelOf(scale, severity) : undefined;
  if (!level) {
    const message = `unknown severity ${JSON.stringify(severity.slice(0, 40))}`;
    throw new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
  }
  return level.rank;
}

function scaleOf(options: unknown): readonly SeverityLevel[] {
  if (options === undefined) return defaultSeverityScale;
  if (typeof options !== 'object' || options === null)
    throw invalidInput('options', 'expected an options object ({ scale }) or nothing');
  // The deprecated form passes the scale itself.
  if (guarded(() => Array.isArray(options), 'options')) return readScale(options, 'scale');
  const scale = optionOf(options, 'scale');
  return scale === undefined ? defaultSeverityScale : readScale(scale, 'options.scale');
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
  // Read once (the options' scale or the positional scale); a throwing getter is INVALID_INPUT.
  const scale = scaleOf(third);
  const ra = rankOf(scale, a, 'a');
  const rb = rankOf(scale, b, 'b');
  if (ra === rb) return 0;
  return ra < rb ? -1 : 1;
}
