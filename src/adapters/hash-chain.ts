// The tamper-evident chain every store keeps: each stored event's hash is SHA-256 over its
// predecessor's hash, a newline, and the canonical JSON (RFC 8785) of the event as first written.
import type { ChainVerification } from './incident-store.js';
import { sha256HexSync } from './sha256.js';

/** The `previousHash` of an incident's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one link: `sha256(previousHash + "\n" + body)`, where `body` is the canonical JSON as written. */
export function chainHash(previousHash: string, body: string): string {
  return sha256HexSync(`${previousHash}\n${body}`);
}

/** One stored link as the verifier reads it. */
export interface ChainLink {
  readonly version: number;
  readonly body: string;
  readonly hash: string;
  readonly previousHash: string;
}

/** Walks the links in version order and reports the first one that does not hold. */
export function verifyChain(links: readonly ChainLink[]): ChainVerification {
  let previous = GENESIS_HASH;
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    if (link.version !== i + 1) {
      return { ok: false, brokenAt: i + 1, reason: `version ${i + 1} is missing (found ${link.version})` };
    }
    if (link.previousHash !== previous) {
      return {
        ok: false,
        brokenAt: link.version,
        reason: `version ${link.version} does not point at the hash of version ${link.version - 1}`,
      };
    }
    const expected = chainHash(previous, link.body);
    if (expected !== link.hash) {
      return {
        ok: false,
        brokenAt: link.version,
        reason: `version ${link.version}'s content or hash was changed after it was written`,
      };
    }
    previous = link.hash;
  }
  return { ok: true, length: links.length, head: links.length === 0 ? undefined : previous };
}
