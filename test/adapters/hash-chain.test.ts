import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, verifyChain } from '../../src/adapters/hash-chain.js';
import { sha256HexSync } from '../../src/adapters/sha256.js';
import { sha256Hex } from '../../src/adapters/web-crypto.js';

describe('sha256HexSync', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('equals Web Crypto’s digest for any text, across block boundaries and non-ASCII', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer({ min: 50, max: 140 }).map((n) => 'x'.repeat(n)),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(sha256HexSync(t)).toBe(await sha256Hex(t));
      }),
      { numRuns: 500 },
    );
  });
});

describe('verifyChain', () => {
  const chain = (bodies: string[]) => {
    let previous = GENESIS_HASH;
    return bodies.map((body, i) => {
      const hash = chainHash(previous, body);
      const link = { version: i + 1, body, hash, previousHash: previous };
      previous = hash;
      return link;
    });
  };

  it('accepts an intact chain and reports its head', () => {
    const links = chain(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(verifyChain(links)).toEqual({ ok: true, length: 3, head: links[2]?.hash });
    expect(verifyChain([])).toEqual({ ok: true, length: 0, head: undefined });
  });

  it('reports the first link whose content, hash or predecessor was changed, wherever it is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.nat(2),
        (bodies, pick, how) => {
          const links = chain(bodies.map((b, i) => JSON.stringify({ i, b })));
          const at = pick % links.length;
          const forged = links.map((l, i) => {
            if (i !== at) return l;
            if (how === 0) return { ...l, body: `${l.body} ` };
            if (how === 1) return { ...l, hash: '1'.repeat(64) };
            return { ...l, previousHash: 'f'.repeat(64) };
          });
          const result = verifyChain(forged);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.brokenAt).toBe(at + 1);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
