import type { IncidentListFilter } from '../adapters/index.js';
import { readOptions, snapshotInput } from '../internal/validate.js';
import { type TimeInput, toEpochMs } from '../model/index.js';
import { keyOf } from '../severity/severity-key.js';
import type { ManagerContext } from './transact.js';

/**
 * What {@link IncidentManager.list} filters by: the store's filter, with severities read on the
 * manager's policy (a key or an alias, `'P0'` for `'SEV1'` on the default scale; an unknown one is
 * `INVALID_INPUT`) and `since` / `until` as any time input (a `Date`, ISO-8601 with an offset, or
 * epoch ms).
 *
 * @example
 * ```ts
 * import type { ManagerListFilter } from 'incidentkit/manager';
 * const filter: ManagerListFilter = { severity: 'P0', since: '2026-11-01T00:00:00Z', phase: 'review' };
 * ```
 */
export interface ManagerListFilter extends Omit<IncidentListFilter, 'since' | 'until'> {
  /** Detected at or after. */
  readonly since?: TimeInput | undefined;
  /** Detected before. */
  readonly until?: TimeInput | undefined;
}

/** The most severities one filter lists (the store's own bound). */
const SEVERITIES_MAX = 100;

/**
 * The filter as the store takes it: severities as scale keys, times as epoch ms. Read once (a
 * getter that throws is `INVALID_INPUT`); every other field goes to the store as given, whose
 * check names it.
 */
export function storeListFilter(ctx: ManagerContext, filter: unknown): unknown {
  const fields = readOptions(filter, 'filter');
  if (fields === undefined || Array.isArray(fields)) return filter;
  const { severity, since, until } = fields;
  if (typeof severity === 'string') fields.severity = keyOf(ctx.policy, severity, 'filter.severity');
  else if (Array.isArray(severity)) {
    const list = snapshotInput(severity, 'filter.severity') as unknown[];
    if (list.length <= SEVERITIES_MAX)
      fields.severity = list.map((s, i) => keyOf(ctx.policy, s, `filter.severity[${i}]`));
  }
  if (since !== undefined) fields.since = toEpochMs(since as TimeInput, 'filter.since');
  if (until !== undefined) fields.until = toEpochMs(until as TimeInput, 'filter.until');
  return fields;
}
