import { hmacSha256Hex, timingSafeEqual } from '../web-crypto.js';

/**
 * Checks PagerDuty's `X-PagerDuty-Signature` header on a V3 webhook delivery: the header holds one
 * or more comma-separated `v1=<hex HMAC-SHA256 of the raw body>` (several while a secret is being
 * rotated); true when one of them matches under `secret` (compared in constant time). Pass the body
 * exactly as received, before JSON parsing; a missing or malformed header is false, never a throw.
 *
 * @param body - The raw request body, as text (UTF-8).
 * @param header - The `X-PagerDuty-Signature` header value (`null` when absent).
 * @param secret - The webhook subscription's signing secret.
 * @returns Whether the delivery came from PagerDuty.
 *
 * @example
 * ```ts
 * import { verifyPagerDutySignature } from 'incidentkit/adapters';
 * const ok = await verifyPagerDutySignature('{"event":{}}', 'v1=00', 'pd-secret');
 * ok; // false
 * ```
 */
export async function verifyPagerDutySignature(
  body: string,
  header: string | null | undefined,
  secret: string,
): Promise<boolean> {
  if (typeof body !== 'string' || typeof header !== 'string' || typeof secret !== 'string' || secret === '')
    return false;
  const given = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3).toLowerCase());
  if (given.length === 0) return false;
  const expected = await hmacSha256Hex(secret, body);
  let match = false;
  // Every candidate is compared, so the time taken does not say which one matched.
  for (const candidate of given) if (timingSafeEqual(candidate, expected)) match = true;
  return match;
}
