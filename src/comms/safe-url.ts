/**
 * The one kind of link a rendered message may contain: an absolute `https:` URL (`http:` only where
 * the host allows it) made only of characters that need no escaping in any of our formats (no
 * whitespace, quotes, angle brackets, pipes, backslashes, backticks or parentheses), with a host.
 * Anything else is shown as text.
 */
const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&*+,;=:@/?#%]*)?$/;

/** Longest URL a message may carry. */
export const URL_MAX = 2_000;

/** Options of {@link safeUrl}. */
export interface SafeUrlOptions {
  /** Also link `http:` URLs (an intranet wiki without TLS). Default false. */
  readonly allowHttp?: boolean | undefined;
}

/** The URL when it is safe to link, else undefined. */
export function safeUrl(url: string | undefined, options: SafeUrlOptions = {}): string | undefined {
  if (url === undefined || url.length > URL_MAX || !SAFE_URL.test(url)) return undefined;
  if (url.startsWith('https://')) return url;
  return options.allowHttp && url.startsWith('http://') ? url : undefined;
}
