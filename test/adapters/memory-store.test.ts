import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/adapters/hash-chain.js';
import { memoryStore } from '../../src/adapters/index.js';
import { canonicalJson } from '../../src/internal/canonical-json.js';
import { isIncidentKitError } from '../../src/model/index.js';
import { describeDeliveryContract } from './delivery-contract.js';
import { declare, describeStoreContract, note } from './store-contract.js';

describeStoreContract('memory', async () => ({ store: memoryStore() }), { runs: 200 });
describeDeliveryContract('memory', async () => ({ store: memoryStore() }));

describe('memoryStore', () => {
  it("verifyChain finds the first edited link of a memory store's records", async () => {
    const store = memoryStore();
    await store.append('INC-1', [declare('INC-1'), note('n1', 1), note('n2', 2)], {
      expectedVersion: 0,
      now: 0,
    });
    const links = (await store.records('INC-1')).map((r) => ({ ...r, body: canonicalJson(r.event) }));
    expect(verifyChain(links).ok).toBe(true);
    const edited = links.map((l) =>
      l.version === 2 ? { ...l, body: l.body.replace('looking', 'not looking') } : l,
    );
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 2 });
    const removed = links.filter((l) => l.version !== 2);
    expect(verifyChain(removed)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('reads its options once: a throwing getter or Proxy trap is INVALID_INPUT with the thrown value as cause', () => {
    const trap = new Error('trap');
    const hostile = [
      new Proxy(
        {},
        {
          get: () => {
            throw trap;
          },
          ownKeys: () => {
            throw trap;
          },
        },
      ),
      Object.defineProperty({}, 'policy', {
        enumerable: true,
        get: () => {
          throw trap;
        },
      }),
      [1, 2],
      'policy',
    ];
    for (const options of hostile) {
      let caught: unknown;
      try {
        memoryStore(options as never);
      } catch (error) {
        caught = error;
      }
      expect(isIncidentKitError(caught, 'INVALID_INPUT')).toBe(true);
    }
  });
});
