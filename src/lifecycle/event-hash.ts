import type { IncidentEvent } from '../model/index.js';

/**
 * A 64-bit digest (16 hex digits) of an event's content in stored form, the id left out: two
 * events that share an id are the same event exactly when their digests agree. It is structural,
 * not textual: each object member is hashed on its own and the results are summed, so a database
 * that reorders JSON keys changes nothing and no keys are sorted; `undefined` members count as
 * absent (as in JSON); strings, numbers, booleans, null, arrays and objects each carry their own
 * tag (`1` and `"1"` differ). Times are epoch ms by the time an event is hashed, so a `Date` and
 * the same instant as an ISO string or epoch ms agree.
 *
 * Not cryptographic (tamper evidence is the stores' SHA-256 chain). Replay hashes every event, so
 * the common flat fields are hashed inline in one loop, and only nested values recurse.
 */
export function eventHash(event: IncidentEvent): string {
  hashRecord(event as unknown as Record<string, unknown>, 0, true);
  return hex16(out[0]!, out[1]!);
}

// '0'–'9' then 'a'–'f' by nibble.
const nibble = (n: number): number => n + (n < 10 ? 48 : 87);

// Number#toString(16) and padStart cost more than the hash itself, and concatenated pieces leave
// a rope of small strings behind on every timeline entry; one fromCharCode makes one flat string.
function hex16(hi: number, lo: number): string {
  return String.fromCharCode(
    nibble((hi >>> 28) & 15),
    nibble((hi >>> 24) & 15),
    nibble((hi >>> 20) & 15),
    nibble((hi >>> 16) & 15),
    nibble((hi >>> 12) & 15),
    nibble((hi >>> 8) & 15),
    nibble((hi >>> 4) & 15),
    nibble(hi & 15),
    nibble((lo >>> 28) & 15),
    nibble((lo >>> 24) & 15),
    nibble((lo >>> 20) & 15),
    nibble((lo >>> 16) & 15),
    nibble((lo >>> 12) & 15),
    nibble((lo >>> 8) & 15),
    nibble((lo >>> 4) & 15),
    nibble(lo & 15),
  );
}

// Two 32-bit lanes: FNV-1a's multiply on the first, a different odd multiplier and an xor-shift on
// the second. Each lane starts from its own seed.
const A0 = 0x811c9dc5 | 0;
const B0 = (0x01000193 ^ 0x5bd1e995) | 0;
const PA = 0x01000193;
const PB = 0x5bd1e995;
const TAG_NULL = 1;
const TAG_FALSE = 2;
const TAG_TRUE = 3;
const TAG_NUMBER = 4;
const TAG_STRING = 5;
const TAG_ARRAY = 6;
const TAG_OBJECT = 7;
const MAX_DEPTH = 64;
const TWO_32 = 4_294_967_296;
const floatView = new Float64Array(1);
/** Results, written here rather than returned as tuples (no allocation on the hot path). */
const out = new Int32Array(3);
const floatWords = new Int32Array(floatView.buffer);

/** A record's digest (into `out[0..1]`): its members' digests summed, then the count and a tag. */
function hashRecord(record: Record<string, unknown>, depth: number, skipId: boolean): void {
  let sumA = 0;
  let sumB = 0;
  let count = 0;
  const keys = Object.keys(record);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (skipId && key === 'id') continue;
    const value = record[key];
    if (value === undefined) continue;
    count++;
    let a = A0;
    let b = B0;
    // The key, then the value, as one sequence.
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, PA);
      b = Math.imul(b ^ c, PB);
      b ^= b >>> 15;
    }
    if (typeof value === 'string') {
      a = Math.imul(a ^ TAG_STRING, PA);
      b = Math.imul(b ^ value.length, PB);
      b ^= b >>> 15;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        a = Math.imul(a ^ c, PA);
        b = Math.imul(b ^ c, PB);
        b ^= b >>> 15;
      }
      sumA = (sumA + a) | 0;
      sumB = (sumB + b) | 0;
      continue;
    }
    if (typeof value === 'number') numberWords(value);
    else valueWords(value, depth);
    const w1 = out[0]!;
    const w2 = out[1]!;
    const w3 = out[2]!;
    a = Math.imul(a ^ w1, PA);
    b = Math.imul(b ^ w1, PB);
    b ^= b >>> 15;
    a = Math.imul(a ^ w2, PA);
    b = Math.imul(b ^ w2, PB);
    b ^= b >>> 15;
    a = Math.imul(a ^ w3, PA);
    b = Math.imul(b ^ w3, PB);
    b ^= b >>> 15;
    sumA = (sumA + a) | 0;
    sumB = (sumB + b) | 0;
  }
  let a = Math.imul(A0 ^ TAG_OBJECT, PA);
  let b = Math.imul(B0 ^ count, PB);
  b ^= b >>> 15;
  a = Math.imul(a ^ sumA, PA);
  b = Math.imul(b ^ sumB, PB);
  b ^= b >>> 15;
  out[0] = a;
  out[1] = b;
}

/** A number as a tag and two words (into `out`): safe integers directly, others by their bits. */
function numberWords(value: number): void {
  if (Number.isSafeInteger(value)) {
    // -0 is 0 (one JSON number); lo is exact, hi carries the sign.
    out[0] = TAG_NUMBER;
    out[1] = (value % TWO_32) | 0;
    out[2] = Math.floor(value / TWO_32) | 0;
    return;
  }
  floatView[0] = value;
  out[0] = TAG_NUMBER ^ 0x100;
  out[1] = floatWords[0]!;
  out[2] = floatWords[1]!;
}

function words(w1: number, w2: number, w3: number): void {
  out[0] = w1;
  out[1] = w2;
  out[2] = w3;
}

/** Any other JSON value folded to three words (into `out`; arrays and objects recurse). */
function valueWords(value: unknown, depth: number): void {
  if (value === null) {
    words(TAG_NULL, 0, 0);
    return;
  }
  if (value === true) {
    words(TAG_TRUE, 0, 0);
    return;
  }
  if (value === false) {
    words(TAG_FALSE, 0, 0);
    return;
  }
  if (typeof value === 'number') {
    numberWords(value);
    return;
  }
  if (typeof value === 'string') {
    hashRecord({ s: value }, depth, false);
    words(TAG_STRING, out[0]!, out[1]!);
    return;
  }
  if (typeof value !== 'object' || depth >= MAX_DEPTH) {
    words(TAG_NULL, 0, 0);
    return;
  }
  if (Array.isArray(value)) {
    // An array is an ordered sequence: each item folded into the running lanes in turn.
    let a = Math.imul(A0 ^ TAG_ARRAY, PA);
    let b = Math.imul(B0 ^ value.length, PB);
    b ^= b >>> 15;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      valueWords(item === undefined ? null : item, depth + 1);
      for (let w = 0; w < 3; w++) {
        const word = out[w]!;
        a = Math.imul(a ^ word, PA);
        b = Math.imul(b ^ word, PB);
        b ^= b >>> 15;
      }
    }
    words(TAG_ARRAY, a, b);
    return;
  }
  hashRecord(value as Record<string, unknown>, depth + 1, false);
  words(TAG_OBJECT, out[0]!, out[1]!);
  return;
}
