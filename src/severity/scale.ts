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
