// Incidents handed to the metrics in detection order: the metrics' recurrence count then needs no
// sort of its own (a comparator sort of 10⁶ indices costs over a second; this costs tens of ms).

const RADIX = 1 << 16;
const TWO_32 = 2 ** 32;

/**
 * The positions `0 … n−1` ordered by `times[i]` ascending, equal times in their original order
 * (a stable LSD radix sort on 16-bit digits of the epoch ms, which stay below 2⁴⁸); `undefined`
 * when they already are in that order. Times must be whole epoch ms from 0 to 2⁴⁸ − 1.
 */
export function detectionOrder(times: Float64Array, n: number): Uint32Array | undefined {
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (times[i]! < times[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return undefined;
  // Each time as three 16-bit digits, low first (two passes need no division: the low 32 bits).
  const low = new Uint32Array(n);
  const high = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    low[i] = t % TWO_32;
    high[i] = Math.floor(t / TWO_32);
  }
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let pass = 0; pass < 3; pass++) {
    const shift = pass === 1 ? 16 : 0;
    const digits = pass === 2 ? high : low;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(digits[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = order[i]!;
      next[counts[(digits[at]! >>> shift) & 0xffff]!++] = at;
    }
    [order, next] = [next, order];
  }
  return order;
}
