import * as z from 'zod/mini';
import { built, lazySchema } from './lazy.js';
import { LIMITS } from './limits.js';
import { LabelListSchema, SafeKeySchema } from './primitives.js';
import { parseWith } from './validate.js';

/**
 * What an incident does to users and the business. Every field is optional: declare early, fill in
 * as you learn. `attributes` holds host-specific criteria for policy rules (`attributes.tier`).
 *
 * @example
 * ```ts
 * import { ImpactSchema } from 'incidentkit';
 * ImpactSchema.parse({ usersAffectedPct: 12, customerFacing: true, regions: ['eu-west-1'] });
 * ```
 */
export const ImpactSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    usersAffectedPct: z.optional(z.number().check(z.gte(0), z.lte(100))),
    customerFacing: z.optional(z.boolean()),
    coreFunctionalityDown: z.optional(z.boolean()),
    degraded: z.optional(z.boolean()),
    dataLoss: z.optional(z.boolean()),
    securityBreach: z.optional(z.boolean()),
    regions: z.optional(built(LabelListSchema)),
    revenueImpact: z.optional(z.number().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))),
    attributes: z.optional(
      z
        .record(
          built(SafeKeySchema),
          z.union([
            z.string().check(z.maxLength(LIMITS.reason)),
            z.number().check(z.refine(Number.isFinite, 'must be finite')),
            z.boolean(),
          ]),
        )
        .check(
          z.refine(
            (r) => Object.keys(r).length <= LIMITS.listEntries,
            `must have at most ${LIMITS.listEntries} attributes`,
          ),
        ),
    ),
  }),
);

/**
 * See {@link ImpactSchema}.
 *
 * @example
 * ```ts
 * import type { Impact } from 'incidentkit';
 * const impact: Impact = { coreFunctionalityDown: true };
 * ```
 */
export type Impact = z.output<typeof ImpactSchema>;

/** The boolean fields of {@link Impact}. */
export const IMPACT_FLAGS = [
  'customerFacing',
  'coreFunctionalityDown',
  'degraded',
  'dataLoss',
  'securityBreach',
] as const;
/** The numeric fields of {@link Impact}. */
export const IMPACT_FIGURES = ['usersAffectedPct', 'revenueImpact'] as const;

/**
 * True when the impact states nothing at all (no field set, no region, no attribute): the case
 * where a policy's `uncertain` severity applies. `undefined` (and `null`) state nothing; anything
 * else is read once and checked as an {@link Impact} first, so a value that is not one is
 * `INVALID_INPUT` naming `impact` (a getter or Proxy trap that throws is its `cause`).
 *
 * @example
 * ```ts
 * import { isImpactUnknown } from 'incidentkit';
 * isImpactUnknown({}); // true
 * isImpactUnknown({ degraded: false }); // false: it says something
 * ```
 */
export function isImpactUnknown(impact: Impact | undefined): boolean {
  if (impact === undefined || impact === null) return true;
  return statesNothing(parseWith(ImpactSchema, impact, 'impact'));
}

/** {@link isImpactUnknown} for an impact already checked (no second parse). @internal */
export function statesNothing(impact: Impact): boolean {
  for (const key of IMPACT_FLAGS) if (impact[key] !== undefined) return false;
  for (const key of IMPACT_FIGURES) if (impact[key] !== undefined) return false;
  if (impact.regions && impact.regions.length > 0) return false;
  if (impact.attributes && Object.keys(impact.attributes).length > 0) return false;
  return true;
}
