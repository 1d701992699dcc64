/**
 * The one kind of link a rendered message may contain: an absolute `http(s)` URL made only of
 * characters that need no escaping in any of our formats (no whitespace, quotes, angle brackets,
 * pipes, backslashes, backticks or parentheses), with a host. Anything else is shown as text.
 */
const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&*+,;=:@/?#%]*)?$/;

/** The URL when it is safe to link, else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url.length > 2_000) return undefined;
  return SAFE_URL.test(url) ? url : undefined;
}
