// Ids derived from a caller's key (a commandId, a signal's dedup key and time), so that a retried
// request, a second replica or a rerun of a scheduler produces the same id and the store's
// event-id check turns the repeat into a no-op. 64-bit FNV-1a: not cryptographic, and it need not
// be: the ids are namespaced per incident and the keys come from the host.

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;

function fnv1a64(text: string): string {
  let hash = OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = BigInt.asUintN(64, hash * PRIME);
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * A short id with a readable prefix, the same for the same parts: `evt_c3f9a…` for
 * `derivedId('evt', 'c', [commandId, '0'])`. Parts are joined with a separator no id contains.
 */
export function derivedId(prefix: string, kind: string, parts: readonly (string | number)[]): string {
  const key = parts.map(String).join('\u0000');
  // Two differently-salted digests: 128 bits, so a collision between two hosts' keys is not a
  // practical concern even across millions of commands.
  return `${prefix}_${kind}${fnv1a64(key)}${fnv1a64(`${key}\u0001`)}`;
}
