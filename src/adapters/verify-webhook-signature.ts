import * as z from 'zod/mini';
import { parseWith } from '../internal/validate.js';
import { EpochMsSchema } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import { bodyBytes, hmacSha256Hex, timingSafeEqual, utf8 } from './web-crypto.js';

// The receiver's own configuration, checked on every call (before the request is looked at), so a
// missing secret or a mistyped option is an INVALID_INPUT error, not a request that never verifies.
/** A signing secret: a non-empty string (the PagerDuty check shares it). */
export const SecretSchema = /*#__PURE__*/ lazySchema(() => z.string().check(z.minLength(1)));
const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    toleranceS: z.optional(z.number().check(z.nonnegative())),
    now: z.optional(built(EpochMsSchema)),
  }),
);

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
  /** How old (or how far ahead) a signature's timestamp may be, in seconds: finite, ≥ 0 (default 300). */
  readonly toleranceS?: number | undefined;
  /** The receiver's clock (epoch ms, a non-negative integer); default `Date.now()`. */
  readonly now?: number | undefined;
}

/**
 * Checks an `Incidentkit-Signature` header (`t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`)
 * against the raw request body: true only when a `v1` matches (compared in constant time) and
 * `t` is within `toleranceS` of `now`, so a captured request cannot be replayed later. Pass the
 * body exactly as received, before any JSON parsing: the bytes (a `Uint8Array`, which a Node
 * `Buffer` from `node:http` or `express.raw()` is, or an `ArrayBuffer` from `request.arrayBuffer()`)
 * or the text (`request.text()`; a string is hashed as its UTF-8 bytes, so both forms of one body
 * verify alike). Several `v1` entries are accepted (a sender rotating secrets).
 *
 * What comes from the request is never a throw: a missing, malformed or non-matching header, a
 * stale timestamp, or a body that is not a string, `Uint8Array` or `ArrayBuffer` is `false`. What
 * comes from the receiver's own configuration is checked on every call and throws.
 *
 * @param body - the raw request body: a string, a `Uint8Array` (a `Buffer`) or an `ArrayBuffer`.
 * @param header - the `Incidentkit-Signature` header value.
 * @param secret - the shared secret given to `webhookNotifier` (a non-empty string).
 * @param options - `toleranceS` and `now`; no other field.
 * @returns whether the request is authentic and fresh.
 * @throws IncidentKitError `INVALID_INPUT` naming `secret` when it is missing or empty (an unset
 * environment variable), `options.toleranceS` or `options.now` when malformed, and `options` when
 * it is not an object or holds an unknown field (a typo such as `tolerance`).
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature } from 'incidentkit/adapters';
 * const body = new TextEncoder().encode('{"id":"x"}'); // e.g. the Buffer from express.raw()
 * const ok = await verifyWebhookSignature(body, 't=1795510800,v1=00', 'whsec_test', {
 *   toleranceS: 300,
 *   now: 1795510800000,
 * });
 * ok; // false: the signature does not match
 * ```
 */
export async function verifyWebhookSignature(
  body: string | Uint8Array | ArrayBuffer,
  header: string | null | undefined,
  secret: string,
  options: VerifyWebhookSignatureOptions = {},
): Promise<boolean> {
  const key = parseWith(SecretSchema, secret, 'secret');
  const o = parseWith(OptionsSchema, options, 'options');
  const bytes = bodyBytes(body);
  if (bytes === undefined || typeof header !== 'string' || header.length > 4_096) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  const tolerance = o.toleranceS ?? 300;
  const now = o.now ?? Date.now();
  if (Math.abs(now / 1000 - timestamp) > tolerance) return false;
  // The signed message is the bytes of "<t>." followed by the body's bytes.
  const prefix = utf8(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + bytes.length);
  message.set(prefix);
  message.set(bytes, prefix.length);
  const expected = await hmacSha256Hex(key, message);
  let match = false;
  // Compare against every entry (no early exit), so timing says nothing about which one matched.
  for (const signature of signatures) match = timingSafeEqual(signature, expected) || match;
  return match;
}
