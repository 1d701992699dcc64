import fc from 'fast-check';

// Generators for the importer properties. (They belong beside the others in test/arbitraries/ once
// that barrel re-exports an importers file; until then the importer suites import them from here.)

/** Property runs: FC_RUNS overrides, 300 by default (each run imports a few dozen rows). */
export const importerRuns = Number(process.env.FC_RUNS ?? 300);

/** An instant between 2001 and 2040, whole milliseconds. */
export const instantArb = fc.integer({ min: 978_307_200_000, max: 2_208_988_800_000 });

/** Offsets exports write: whole quarter hours from -12:00 to +14:00. */
const offsetMinutesArb = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

/** `t` written as ISO-8601 at `offsetMinutes`, in one of the spellings exports use. */
function formatWithOffset(t: number, offsetMinutes: number, style: number): string {
  const local = new Date(t + offsetMinutes * 60_000).toISOString(); // 2026-11-24T09:00:00.000Z
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  const body = local.slice(0, 23);
  switch (style % 4) {
    case 0:
      return offsetMinutes === 0 ? `${body}Z` : `${body}${sign}${hh}:${mm}`;
    case 1:
      return `${body}${sign}${hh}:${mm}`;
    case 2:
      return `${body.replace('T', ' ')} ${sign}${hh}${mm}`;
    default:
      return `${body}${sign}${hh}${mm}`;
  }
}

/** A time cell as exports have them: a real time (its instant known), or blank, null, junk. */
export type TimeCell =
  | { kind: 'time'; instant: number; text: string }
  | { kind: 'blank'; text: '' | null | undefined }
  | { kind: 'junk'; text: string };

export const timeCellArb: fc.Arbitrary<TimeCell> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(instantArb, offsetMinutesArb, fc.nat(3)).map(([instant, off, style]) => ({
      kind: 'time' as const,
      instant,
      text: formatWithOffset(instant, off, style),
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('' as const, null, undefined)
      .map((text) => ({ kind: 'blank' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          'yesterday',
          '2026-02-30T10:00:00Z',
          '2026-11-24T09:00:00',
          '31/12/2026 10:00',
          'null',
          'NaN',
        ),
        fc.string({ maxLength: 12 }),
      )
      .filter((s) => s.trim() !== '' && (!/\d{4}-\d{2}/.test(s) || s.length < 25))
      .map((text) => ({ kind: 'junk' as const, text })),
  },
);

/** Seconds as exports write them, or blank / junk. */
export const secondsCellArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 0, max: 400_000 })
      .map((s) => ({ kind: 'seconds' as const, seconds: s, text: String(s) })),
  },
  { weight: 2, arbitrary: fc.constantFrom('', undefined).map((text) => ({ kind: 'blank' as const, text })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('n/a', '-5', 'abc').map((text) => ({ kind: 'junk' as const, text })),
  },
);

/** Arbitrary JSON plus vendor-shaped lists with hostile values where the importers look. */
export function hostileExportArb(keys: readonly string[]): fc.Arbitrary<unknown> {
  const entry = fc.dictionary(
    fc.constantFrom(...keys, '__proto__', 'constructor', 'toString'),
    fc.jsonValue({ maxDepth: 3 }),
    {
      maxKeys: keys.length,
    },
  );
  return fc.oneof(
    fc.jsonValue(),
    fc.record({ incidents: fc.array(entry, { maxLength: 8 }) }),
    fc.record({ data: fc.array(entry, { maxLength: 8 }) }),
    fc.array(entry, { maxLength: 8 }),
    fc
      .jsonValue()
      .map((v) =>
        JSON.parse(`{"__proto__": {"polluted": true}, "incidents": [${JSON.stringify(v) ?? 'null'}]}`),
      ),
  );
}
