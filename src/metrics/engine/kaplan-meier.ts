/**
 * Percentiles and mean of durations when some are right-censored (incidents still open at `now`:
 * their duration is at least the censored value), from the Kaplan–Meier estimate S(t) of the share
 * still unresolved after t.
 *
 * Percentiles follow the convention of Python's `lifelines` (`qth_survival_time`): the percentile at
 * p is the smallest completed duration t with S(t) ≤ 1 − p — a step function, never a midpoint on a
 * flat segment — and `null` when the curve never falls that far (too many incidents still open
 * beyond every completed one). So p = 0 is the shortest completed duration, p = 1 the time S reaches
 * 0 (`null` while the longest-running incident is open). At equal times a completed duration comes
 * first: an incident still open at t was at risk at t (as lifelines counts it).
 *
 * The mean is the area under S up to the longest observation (the restricted mean): the plain mean
 * when nothing is censored, and a lower bound while the longest-running incident is still open.
 *
 * `done` and `censored` are sorted in place; `ps` ascending.
 */
export function kaplanMeier(
  done: Float64Array,
  censored: Float64Array,
  ps: readonly number[],
): { quantiles: (number | null)[]; mean: number | null } {
  done.sort();
  censored.sort();
  const nd = done.length;
  const nc = censored.length;
  const quantiles: (number | null)[] = ps.map(() => null);
  if (nd + nc === 0) return { quantiles, mean: null };
  let atRisk = nd + nc;
  // Between two censorings S falls by 1/atRisk of itself per completion, so over such a run it is
  // S(run start) · atRisk / atRisk(run start): computed once per step from exact counts, the float
  // error does not build up over a million completions.
  let base = 1;
  let runStart = atRisk;
  let survival = 1;
  let mean = 0;
  let c = 0;
  let q = 0;
  for (let d = 0; d < nd; d++) {
    const t = done[d]!;
    if (c < nc && censored[c]! < t) {
      while (c < nc && censored[c]! < t) {
        c++;
        atRisk--;
      }
      base = survival;
      runStart = atRisk;
    }
    atRisk--;
    const next = (base * atRisk) / runStart;
    mean += (survival - next) * t;
    survival = next;
    // A whole share sits exactly on 1 − p (S = 0.1 for p90 of ten): allow for float rounding.
    while (q < ps.length && survival <= 1 - ps[q]! + 1e-10) quantiles[q++] = t;
  }
  // What is left of the curve lies at the longest observation, a censored one.
  if (survival > 0 && nc > 0) mean += survival * censored[nc - 1]!;
  return { quantiles, mean };
}
