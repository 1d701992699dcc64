// The default mapping by rank: a vendor value → its rank (1 = most severe), then the rank → the
// scale's key of that rank (clamped to the least severe key). Vendors rank P1 as the most urgent
// (PagerDuty, Opsgenie), so `P1` is rank 1; `P0` and `SEV0` are rank 1 too.

const NUMBERED = /^(?:sev(?:erity)?|s|p|priority|level|l)?[\s_-]*(\d{1,2})$/i;

const WORDS: ReadonlyMap<string, number> = /*#__PURE__*/ new Map([
  ['critical', 1],
  ['emergency', 1],
  ['highest', 1],
  ['blocker', 1],
  ['major', 2],
  ['high', 2],
  ['minor', 3],
  ['medium', 3],
  ['moderate', 3],
  ['low', 4],
  ['lowest', 4],
  ['none', 4],
  ['cosmetic', 4],
  ['info', 4],
  ['informational', 4],
  ['trivial', 4],
]);

/** The rank of a vendor severity written as a number (`P2`, `SEV-2`, `2`) or a common word, else `undefined`. */
export function rankOf(value: string): number | undefined {
  const text = value.trim();
  const numbered = NUMBERED.exec(text);
  if (numbered) return Math.max(1, Number(numbered[1]));
  return WORDS.get(text.toLowerCase());
}

/** The key of `rank` in `keys` (most severe first), clamped to the last. */
export function keyOfRank(keys: readonly string[], rank: number): string {
  return keys[Math.min(Math.max(rank, 1), keys.length) - 1]!;
}
