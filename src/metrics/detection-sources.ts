import type { IncidentSource } from '../model/index.js';
import { type Part, runPart } from './engine/run-part.js';
import { fail, fieldOf, ratio } from './engine/validate.js';
import type { IncidentFacts } from './incident-facts.js';
import type { IncidentFilterOptions } from './incident-filter.js';

const SOURCES: readonly IncidentSource[] = ['monitoring', 'synthetic', 'anomaly', 'customer', 'internal'];

/**
 * How incidents were first noticed. `automated` = monitoring + synthetic + anomaly detection;
 * `customer` and `internal` are reports by people.
 * A falling `automatedRate` (or a rising share of `customer`) means customers find problems
 * before the alerts do.
 *
 * @example
 * ```ts
 * import { detectionSources } from 'incidentkit/metrics';
 * detectionSources([]).automatedRate; // null
 * ```
 */
export interface DetectionSources {
  readonly total: number;
  readonly automated: number;
  readonly customer: number;
  readonly internal: number;
  readonly automatedRate: number | null;
  readonly bySource: Readonly<Record<IncidentSource, number>>;
}

/** Counts incident sources as they come. */
export function sourceCounter(): Part<DetectionSources> {
  const counts = [0, 0, 0, 0, 0];
  return {
    add(incident, _m, i) {
      const source = fieldOf<string>(incident.source, i, 'source', 'string');
      const at = SOURCES.indexOf((source ?? 'internal') as IncidentSource);
      if (at < 0) fail(`incidents[${i}].source`, `one of ${SOURCES}`);
      counts[at]!++;
    },
    result() {
      const [monitoring = 0, synthetic = 0, anomaly = 0, customer = 0, internal = 0] = counts;
      const automated = monitoring + synthetic + anomaly;
      const total = automated + customer + internal;
      return {
        total,
        automated,
        customer,
        internal,
        automatedRate: ratio(automated, total),
        bySource: { monitoring, synthetic, anomaly, customer, internal },
      };
    },
  };
}

/**
 * The mix of detection sources over the incidents the filters admit: automated (monitoring,
 * synthetic checks, anomaly detection) against reports by customers or colleagues. Incident facts
 * without a source count as internal, as DECLARE does.
 *
 * @example
 * ```ts
 * import { detectionSources } from 'incidentkit/metrics';
 * const sources = detectionSources([
 *   { source: 'monitoring', milestones: { detectedAt: 0 } },
 *   { source: 'customer', milestones: { detectedAt: 0 } },
 * ]);
 * sources.automatedRate; // 0.5
 * sources.bySource.customer; // 1
 * ```
 */
export function detectionSources<T extends IncidentFacts>(
  incidents: readonly T[],
  options?: IncidentFilterOptions<T>,
): DetectionSources {
  return runPart(incidents, options, [], sourceCounter);
}
