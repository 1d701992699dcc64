// Order statistics without a full sort: quantiles by selection, O(n) on average per quantile.

/**
 * Rearranges `a[lo..hi]` (inclusive) so that `a[k]` holds the value a sort would put there, with no
 * larger value before it and no smaller one after it. Quickselect with the middle element as pivot
 * and Hoare partitioning (balanced on runs of equal values, which identical timestamps produce);
 * after 64 rounds without converging it sorts what is left (introselect: at most 64 linear rounds,
 * then one O(n log n) sort, so never quadratic). Small ranges are sorted directly.
 */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): void {
  // Ranges of 16 or fewer are sorted directly.
  for (let rounds = 64; hi - lo > 16 && rounds > 0; rounds--) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and everything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  a.subarray(lo, hi + 1).sort();
}

/**
 * Quantiles of `a` (reordered in place) for ascending probabilities `ps`: linear interpolation between
 * the closest ranks at h = (n − 1)·p, i.e. a[⌊h⌋] + (h − ⌊h⌋)·(a[⌊h⌋ + 1] − a[⌊h⌋]) on the sorted
 * values (NumPy's default, Excel's PERCENTILE.INC). Each selection works on what the previous one
 * left above its rank, so several quantiles cost little more than one.
 */
export function quantilesInPlace(a: Float64Array, ps: readonly number[]): number[] {
  const n = a.length;
  const out: number[] = [];
  let placed = -1;
  for (const p of ps) {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    if (k > placed) {
      selectInPlace(a, placed + 1, n - 1, k);
      placed = k;
    }
    let value = a[k]!;
    if (h > k) {
      // Everything after k is ≥ a[k], so the next order statistic is their minimum.
      let next = a[k + 1]!;
      for (let j = k + 2; j < n; j++) if (a[j]! < next) next = a[j]!;
      value += (next - value) * (h - k);
    }
    out.push(value);
  }
  return out;
}

// Scratch buffers for the calculators that keep a number per incident (durations, recurrence):
// reused across calls, because allocating megabytes of typed arrays per call makes the garbage
// collector walk the caller's whole heap (10⁶ incidents) again and again. Taken and given back
// explicitly, so nested or concurrent use gets distinct buffers; one too small is dropped for a
// larger one. Buffers over 2²¹ entries (16 MB) are not kept.
const pool: Float64Array[] = [];

export function takeBuffer(size: number): Float64Array {
  const buffer = pool.pop();
  return buffer && buffer.length >= size ? buffer : new Float64Array(size);
}

export function giveBack(buffer: Float64Array): void {
  if (pool.length < 12 && buffer.length <= 1 << 21) pool.push(buffer);
}
