import * as z from 'zod/mini';
import { lazySchema } from './lazy.js';
import { FORBIDDEN_KEYS, ID_PATTERN, LIMITS, SAFE_KEY_PATTERN } from './limits.js';
import { text } from './text.js';
import { checkTime, type EpochMs, MAX_EPOCH_MS, type TimeInput } from './time.js';

/**
 * A timestamp input (`Date`, ISO-8601 with offset, epoch ms) normalised to epoch ms.
 *
 * @example
 * ```ts
 * import { TimestampSchema } from 'incidentkit';
 * TimestampSchema.parse('2026-11-24T09:00:00Z'); // 1795510800000
 * ```
 */
export const TimestampSchema = /*#__PURE__*/ lazySchema(() =>
  z.pipe(
    z.custom<TimeInput>(),
    z.transform((value: TimeInput, ctx): EpochMs => {
      const result = checkTime(value);
      if (result.ok) return result.ms;
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }),
  ),
);

/** A stored timestamp: integer epoch ms ≥ 0. */
export const EpochMsSchema = /*#__PURE__*/ lazySchema(() =>
  z.number().check(z.int(), z.nonnegative(), z.lte(MAX_EPOCH_MS)),
);

/**
 * An identifier: incidentkit's own (`inc_…`, `evt_…`, `act_…`) or a host's (`INC-42`).
 *
 * @example
 * ```ts
 * import { IdSchema } from 'incidentkit';
 * IdSchema.parse('INC-42');
 * ```
 */
export const IdSchema = /*#__PURE__*/ lazySchema(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(LIMITS.id),
      z.regex(ID_PATTERN, 'use letters, digits and _ . : @ / + -'),
    ),
);

/** An incident id: short enough that derived event ids (`evt_<incident>_<version>`) stay valid ids. */
export const IncidentIdSchema = /*#__PURE__*/ lazySchema(() =>
  z.string().check(
    z.minLength(1),
    // One bound, not IdSchema's 160 and this 128 both: a long id gets one issue.
    z.maxLength(LIMITS.incidentId),
    z.regex(ID_PATTERN, 'use letters, digits and _ . : @ / + -'),
  ),
);

/** A key users choose (role names, attribute names): never one that reaches a prototype. */
export const SafeKeySchema = /*#__PURE__*/ lazySchema(() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(SAFE_KEY_PATTERN, 'start with a letter; use letters, digits and _ . -'),
    z.refine((key) => !FORBIDDEN_KEYS.has(key), 'is a reserved name'),
  ),
);

/**
 * An `https:` or `http:` URL (a `javascript:` or `data:` link must never be stored or rendered).
 *
 * @example
 * ```ts
 * import { HttpUrlSchema } from 'incidentkit';
 * HttpUrlSchema.safeParse('javascript:alert(1)').success; // false
 * ```
 */
export const HttpUrlSchema = /*#__PURE__*/ lazySchema(() =>
  z.url({ protocol: /^https?$/, hostname: /^.+$/ }).check(z.maxLength(2_000)),
);

/** A person or system acting (`by`), an assignee or an owner. */
export const ActorSchema = /*#__PURE__*/ lazySchema(() => text(LIMITS.name));

/** A short label list (services, tags, regions). */
export const LabelListSchema = /*#__PURE__*/ lazySchema(() =>
  z.array(text(LIMITS.name)).check(z.maxLength(LIMITS.listEntries)),
);
