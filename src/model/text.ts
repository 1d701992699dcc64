import * as z from 'zod/mini';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Bounded, non-empty user text. A lone surrogate (half of a UTF-16 pair: no encoder can write it as
 * UTF-8, so it would corrupt a JSON body or a database row downstream) is replaced with U+FFFD on
 * input, as `String.prototype.toWellFormed` does.
 */
export function text(max: number) {
  return z.string().check(
    z.minLength(1),
    z.maxLength(max),
    z.overwrite((s) => s.replace(LONE_SURROGATE, '\uFFFD')),
  );
}
