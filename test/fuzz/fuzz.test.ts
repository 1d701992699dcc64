/**
 * Every exported function of every subpath (enumerated from the module namespaces) gets the fixed
 * hostile corpus in every argument shape it takes, then random inputs, at least 1,000 calls each
 * (FUZZ_RUNS raises it; `npm run fuzz` prints the table). Only IncidentKitError may escape, no
 * call may hang or abort its thread, and no built-in prototype may change.
 *
 * The runs happen in worker threads (test/fuzz/pool.ts) so a hang or an out-of-memory abort is a
 * reported failure rather than a stuck or crashed test run.
 *
 * {@link KNOWN_ESCAPES} would list entry points tolerated while being fixed; it is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryReport } from './engine.js';
import { ARGUMENTS, entryPoints } from './entry-points.js';
import { fuzzInWorkers } from './pool.js';

const RUNS = Math.max(1000, Number(process.env.FUZZ_RUNS ?? 1000));
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

/**
 * Entry points allowed to let a raw error out while their owners fix them: empty — the 49 listed
 * when this suite arrived are all clean (issue 13 §2). A new entry point with an escape fails.
 */
const KNOWN_ESCAPES: Readonly<Record<string, string>> = {};

// FUZZ_ONLY=name,name narrows the run (while fixing one entry point); the coverage checks still see all.
const ONLY = (process.env.FUZZ_ONLY ?? '').split(',').filter(Boolean);
const all = entryPoints();
const entries = ONLY.length > 0 ? all.filter((e) => ONLY.includes(e.name)) : all;
const reports = new Map<string, EntryReport>();

beforeAll(async () => {
  for (const report of await fuzzInWorkers(
    entries.map((e) => e.name),
    // A hang is reported after 15 s without an answer (the pool then goes on in a new worker).
    { inputs: RUNS, seed: SEED, stallMs: 15_000 },
  ))
    reports.set(report.entry, report);
}, 1_800_000);

afterAll(() => {
  const leaky = [...reports.values()].filter((r) => r.nonKitErrors > 0);
  if (leaky.length > 0)
    console.info(
      `fuzz: known escapes still open:\n${leaky.map((r) => `  ${r.entry}: ${r.nonKitErrors} (${r.escapes[0]?.shape} ← ${r.escapes[0]?.input}: ${r.escapes[0]?.problem})`).join('\n')}`,
    );
});

describe('the fuzz suite covers the whole public API', () => {
  it('finds every exported function (at least the 100 there were when it was written)', () => {
    expect(all.length).toBeGreaterThanOrEqual(100);
  });

  it('has an explicit argument list for every exported function', () => {
    expect(all.map((e) => e.name).filter((name) => ARGUMENTS[name] === undefined)).toEqual([]);
  });
});

describe.each(entries.map((e) => [`${e.subpath}/${e.name}`, e.name] as const))(
  '%s, fed the hostile corpus and random inputs',
  (label, name) => {
    it(`runs at least ${RUNS} inputs and lets only IncidentKitError escape, with no hang and no pollution`, () => {
      const report = reports.get(label);
      expect(report, 'the pool reported on it').toBeDefined();
      if (name in KNOWN_ESCAPES) {
        // Known: counted and printed, but only prototype pollution fails it.
        expect(report!.escapes.filter((e) => e.problem.includes('prototype pollution'))).toEqual([]);
        return;
      }
      expect(report!.escapes).toEqual([]);
      expect(report!.inputs).toBeGreaterThanOrEqual(RUNS);
    });
  },
);
