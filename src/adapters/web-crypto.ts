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

/** Lower-case hex HMAC-SHA256 of `text` under `secret` (both UTF-8). */
export async function hmacSha256Hex(secret: string, text: string): Promise<string> {
  const api = subtle();
  const key = await api.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await api.sign('HMAC', key, utf8(text)));
}

/** Compares two strings in time that depends only on their lengths (no early exit on a mismatch). */
export function timingSafeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
