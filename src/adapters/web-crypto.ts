// SHA-256 and HMAC-SHA256 through Web Crypto (globalThis.crypto.subtle), so the adapters run on
// Node ≥ 20, Deno, Bun and edge workers alike without importing `node:crypto`.
import { IncidentKitError } from '../model/index.js';
import type { SubtleCryptoLike } from './web.js';

interface TextEncoderLike {
  encode(text: string): Uint8Array;
}

let encoder: TextEncoderLike | undefined;

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  if (encoder === undefined) {
    const Encoder = (globalThis as { TextEncoder?: new () => TextEncoderLike }).TextEncoder;
    if (Encoder === undefined) throw missing('TextEncoder');
    encoder = new Encoder();
  }
  return encoder.encode(text);
}

function subtle(): SubtleCryptoLike {
  const crypto = (globalThis as { crypto?: { subtle?: SubtleCryptoLike | undefined } }).crypto;
  if (crypto?.subtle === undefined) throw missing('crypto.subtle');
  return crypto.subtle;
}

function missing(what: string): IncidentKitError {
  return new IncidentKitError('INTERNAL', `this runtime has no Web ${what}; incidentkit's adapters need it`);
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await subtle().digest('SHA-256', utf8(text)));
}

/**
 * Lower-case hex HMAC-SHA256 under `secret` (UTF-8) of `data`: a string's UTF-8 bytes, or the
 * bytes themselves, so a body and its UTF-8 encoding sign alike.
 */
export async function hmacSha256Hex(secret: string, data: string | Uint8Array): Promise<string> {
  const api = subtle();
  const key = await api.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await api.sign('HMAC', key, typeof data === 'string' ? utf8(data) : data));
}

/**
 * A private copy of the bytes of a request body: a string's UTF-8 bytes, the bytes of a
 * `Uint8Array` (a Node `Buffer` is one) or of any other view, or of an `ArrayBuffer`; `undefined`
 * for anything else and for a value that throws when read (a detached buffer, a throwing getter),
 * so a body of the wrong type is a failed check, never a throw. It is a copy, never a view on the
 * caller's memory, so what is hashed cannot change while the digest is awaited.
 */
export function bodyBytes(body: unknown): Uint8Array | undefined {
  // Outside the try: a runtime without TextEncoder is incidentkit's INTERNAL error, not a false.
  if (typeof body === 'string') return utf8(body);
  if (typeof body !== 'object' || body === null) return undefined;
  try {
    if (ArrayBuffer.isView(body)) {
      const { buffer, byteOffset, byteLength } = body;
      // A plain Uint8Array over the same memory (never the caller's subclass, whose slice could
      // construct anything), then copied; a view whose getters were overridden to lie is refused.
      if (typeof buffer !== 'object' || buffer === null) return undefined;
      return new Uint8Array(buffer, byteOffset, byteLength).slice();
    }
    // The intrinsic slice checks that `body` really is an ArrayBuffer (from any realm) or throws.
    return new Uint8Array(ArrayBuffer.prototype.slice.call(body, 0));
  } catch {
    // A detached buffer, a throwing getter, or not an ArrayBuffer at all: not a body that verifies.
    return undefined;
  }
}

/** Compares two strings in time that depends only on their lengths (no early exit on a mismatch). */
export function timingSafeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
