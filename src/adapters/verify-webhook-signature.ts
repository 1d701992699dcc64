import { hmacSha256Hex, timingSafeEqual } from './web-crypto.js';

/**
 * Options of {@link verifyWebhookSignature}.
 *
 * @example
 * ```ts
 * import type { VerifyWebhookSignatureOptions } from 'incidentkit/adapters';
 * const options: VerifyWebhookSignatureOptions = { toleranceS: 300 };
 * ```
 */
export interface VerifyWebhookSignatureOptions {
  /** How old (or how far ahead) a signature's timestamp may be, in seconds (default 300). */
  readonly toleranceS?: number | undefined;
  /** The receiver's clock (epoch ms); default `Date.now()`. */
  readonly now?: number | undefined;
}

/**
 * Checks an `Incidentkit-Signature` header (`t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`)
 * against the raw request body: true only when a `v1` matches (compared in constant time) and
 * `t` is within `toleranceS` of `now`, so a captured request cannot be replayed later. Pass the
 * body exactly as received (the bytes, as text), before any JSON parsing. Several `v1` entries are
 * accepted (a sender rotating secrets); a malformed header is false, never a throw.
 *
 * @param body - the raw request body.
 * @param header - the `Incidentkit-Signature` header value.
 * @param secret - the shared secret given to `webhookNotifier`.
 * @returns whether the request is authentic and fresh.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature } from 'incidentkit/adapters';
 * const ok = await verifyWebhookSignature('{"id":"x"}', 't=1795510800,v1=00', 'whsec_test', {
 *   toleranceS: 300,
 *   now: 1795510800000,
 * });
 * ok; // false: the signature does not match
 * ```
 */
export async function verifyWebhookSignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  options: VerifyWebhookSignatureOptions = {},
): Promise<boolean> {
  if (typeof body !== 'string' || typeof header !== 'string' || typeof secret !== 'string' || secret === '')
    return false;
  if (header.length > 4_096) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  const tolerance = options.toleranceS ?? 300;
  const now = options.now ?? Date.now();
  if (!Number.isFinite(tolerance) || Math.abs(now / 1000 - timestamp) > tolerance) return false;
  const expected = await hmacSha256Hex(secret, `${timestamp}.${body}`);
  let match = false;
  // Compare against every entry (no early exit), so timing says nothing about which one matched.
  for (const signature of signatures) match = timingSafeEqual(signature, expected) || match;
  return match;
}
