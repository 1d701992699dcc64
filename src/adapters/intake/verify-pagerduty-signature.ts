import { parseWith } from '../../internal/validate.js';
import { SecretSchema } from '../verify-webhook-signature.js';
import { bodyBytes, hmacSha256Hex, timingSafeEqual } from '../web-crypto.js';

// The receiver's own configuration, checked on every call: a missing or empty secret (an unset
// environment variable) is an INVALID_INPUT error, not a delivery that never verifies.

/**
 * Checks PagerDuty's `X-PagerDuty-Signature` header on a V3 webhook delivery: the header holds one
 * or more comma-separated `v1=<hex HMAC-SHA256 of the raw body>` (several while a secret is being
 * rotated); true when one of them matches under `secret` (compared in constant time). Pass the body
 * exactly as received, before JSON parsing: the bytes (a `Uint8Array`, which a Node `Buffer` is, or
 * an `ArrayBuffer`) or the text (hashed as its UTF-8 bytes, so both forms verify alike). What comes
 * from the request is never a throw: a missing, malformed or non-matching header, or a body that is
 * not a string, `Uint8Array` or `ArrayBuffer`, is false.
 *
 * @param body - The raw request body: a string (UTF-8), a `Uint8Array` (a `Buffer`) or an `ArrayBuffer`.
 * @param header - The `X-PagerDuty-Signature` header value (`null` when absent).
 * @param secret - The webhook subscription's signing secret.
 * @returns Whether the delivery came from PagerDuty.
 * @throws IncidentKitError `INVALID_INPUT` naming `secret` when it is missing or empty (an unset
 * environment variable).
 *
 * @example
 * ```ts
 * import { verifyPagerDutySignature } from 'incidentkit/adapters';
 * const body = new TextEncoder().encode('{"event":{}}'); // or the text, or a Buffer
 * const ok = await verifyPagerDutySignature(body, 'v1=00', 'pd-secret');
 * ok; // false
 * ```
 */
export async function verifyPagerDutySignature(
  body: string | Uint8Array | ArrayBuffer,
  header: string | null | undefined,
  secret: string,
): Promise<boolean> {
  const key = parseWith(SecretSchema, secret, 'secret');
  const bytes = bodyBytes(body);
  if (bytes === undefined || typeof header !== 'string') return false;
  const given = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3).toLowerCase());
  if (given.length === 0) return false;
  const expected = await hmacSha256Hex(key, bytes);
  let match = false;
  // Every candidate is compared, so the time taken does not say which one matched.
  for (const candidate of given) if (timingSafeEqual(candidate, expected)) match = true;
  return match;
}
