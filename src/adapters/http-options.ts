// The option schemas every HTTP adapter shares: URL, timeout, fetch, headers, names.
import * as z from 'zod/mini';
import { lazySchema } from '../model/lazy.js';
import type { FetchLike } from './web.js';

/** The longest URL an adapter sends to (what common servers accept in a request line). */
const URL_MAX = 8_192;
/** The longest delay a timer can wait (2³¹−1 ms); a longer one fires at once. */
const TIMER_MAX_MS = 2_147_483_647;
/** A check that `pattern` matches, failing with `message` (which the error then quotes). */
export function matching(pattern: RegExp, message: string) {
  return z.refine<string>((value) => pattern.test(value), message);
}

/** An `http:` or `https:` URL without whitespace, at most 8,192 characters. */
export const HttpUrlSchema = /*#__PURE__*/ lazySchema(() =>
  z.string().check(z.maxLength(URL_MAX), matching(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL')),
);
/** A request timeout: a positive integer of ms a timer can wait. */
export const TimeoutMsSchema = /*#__PURE__*/ lazySchema(() =>
  z.number().check(z.int(), z.positive(), z.lte(TIMER_MAX_MS)),
);
/** A `fetch` override. */
export const FetchSchema = /*#__PURE__*/ lazySchema(() =>
  z.custom<FetchLike>((v) => typeof v === 'function', 'expected a function'),
);
/** Extra request headers: token names, values without CR, LF or NUL (no header injection). */
export const HeadersSchema = /*#__PURE__*/ lazySchema(() =>
  z.record(
    z.string().check(matching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, 'must be a header name')),
    z.string().check(z.maxLength(16_384), matching(/^[^\r\n\0]*$/, 'must not contain CR, LF or NUL')),
  ),
);
/** A notifier's or target's name: what routes, outbox rows and error messages call it. */
export const AdapterNameSchema = /*#__PURE__*/ lazySchema(() =>
  z.string().check(z.minLength(1), z.maxLength(100)),
);

/** `url` without its trailing slashes (in one pass from the end: no pattern to backtrack). */
export function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--;
  return url.slice(0, end);
}
