/**
 * The phases in lifecycle order; `closed` and `cancelled` are terminal (`closed` can be reopened,
 * `cancelled` cannot).
 *
 * @example
 * ```ts
 * import { PHASES } from 'incidentkit';
 * PHASES.indexOf('mitigate') < PHASES.indexOf('resolve'); // true
 * ```
 */
export const PHASES = ['detect', 'triage', 'mitigate', 'resolve', 'review', 'closed', 'cancelled'] as const;

/**
 * The phase of work an incident is in.
 *
 * @example
 * ```ts
 * import type { Phase } from 'incidentkit';
 * const phase: Phase = 'mitigate';
 * ```
 */
export type Phase = (typeof PHASES)[number];
