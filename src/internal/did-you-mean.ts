/**
 * The known name a mistyped one most likely meant, or `undefined`: the same name in another case or
 * with `-`, `_` or spaces (`acknowledge`, `root-cause`), a name that starts with what was typed
 * (`ACK` → `ACKNOWLEDGE`, when only one does), or one at most two edits away (`ACKNOWLEGE`). Only
 * names up to 64 characters are compared, so the cost is bounded whatever a caller types.
 */
export function didYouMean(given: string, known: readonly string[]): string | undefined {
  if (typeof given !== 'string' || given.length === 0 || given.length > 64) return undefined;
  const typed = fold(given);
  if (typed === '') return undefined;
  const folded = known.map(fold);
  const same = folded.indexOf(typed);
  if (same >= 0) return known[same];
  if (typed.length >= 3) {
    const starts = folded.flatMap((name, i) => (name.startsWith(typed) ? [known[i]!] : []));
    if (starts.length === 1) return starts[0];
  }
  let best: string | undefined;
  let bestDistance = 3;
  folded.forEach((name, i) => {
    const d = distance(typed, name, bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = known[i];
    }
  });
  return best;
}

/** `, did you mean "X"?` for a message, or nothing. */
export function didYouMeanHint(given: string, known: readonly string[]): string {
  const near = didYouMean(given, known);
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

function fold(name: string): string {
  let out = '';
  for (const c of name.toLowerCase()) if (c !== '-' && c !== '_' && c !== ' ') out += c;
  return out;
}

/** Levenshtein distance, or `limit` as soon as it must be at least that (names are short). */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= limit) return limit;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit);
}
