import * as z from 'zod/mini';

/** Bounded, non-empty user text. */
export function text(max: number) {
  return z.string().check(z.minLength(1), z.maxLength(max));
}
