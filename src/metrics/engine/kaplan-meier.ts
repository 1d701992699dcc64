/**
 * Quantiles and mean of durations when some are right-censored (incidents still open at `now`: their
 * duration is at least the censored value), from the Kaplan–Meier estimate of the distribution.
 *
 * The estimate gives each completed duration a share of probability (1/n each when nothing is
 * censored; a censored duration passes its share on to the longer ones). Cumulative share F becomes
 * a rank n·F − 1, and the quantile at p is interpolated linearly between the completed durations
 * whose ranks bracket h = (n − 1)·p — the same rule as for uncensored data, which it reproduces
 * (up to float rounding) when nothing is censored; callers then use the exact figures instead. A quantile the estimate does not reach (more than 1 − p of the
 * incidents still open beyond every completed duration) is `null`: it is not known yet.
 *
 * The mean is the area under the survival curve up to the longest observation (the restricted
 * mean): the plain mean when nothing is censored, and a lower bound while the longest-running
 * incident is still open.
 *
 * `done` and `censored` are sorted in place.
 */
export function censoredSummary(
  done: Float64Array,
  censored: Float64Array,
  ps: readonly number[],
): { quantiles: (number | null)[]; mean: number | null } {
  done.sort();
  censored.sort();
  const nd = done.length;
  const nc = censored.length;
  const n = nd + nc;
  if (n === 0) return { quantiles: ps.map(() => null), mean: null };
  const rank = new Float64Array(nd);
  let atRisk = n;
  let survival = 1;
  let mean = 0;
  let c = 0;
  for (let d = 0; d < nd; d++) {
    const t = done[d]!;
    // At equal times the completed duration comes first: an incident still open at t outlasts it.
    while (c < nc && censored[c]! < t) {
      c++;
      atRisk--;
    }
    const share = survival / atRisk;
    mean += share * t;
    survival -= share;
    atRisk--;
    rank[d] = n * (1 - survival) - 1;
  }
  if (nc > 0 && survival > 0) mean += survival * censored[nc - 1]!;
  const quantiles = ps.map((p) => {
    // Ranks are sums of float shares: allow for rounding when h is a whole rank.
    const h = (n - 1) * p - 1e-9;
    let lo = 0;
    while (lo < nd && rank[lo]! < h) lo++;
    if (lo === nd) return null;
    if (lo === 0) return done[0]!;
    const r0 = rank[lo - 1]!;
    const t0 = done[lo - 1]!;
    return t0 + (done[lo]! - t0) * Math.min(1, (h + 1e-9 - r0) / (rank[lo]! - r0));
  });
  return { quantiles, mean };
}
