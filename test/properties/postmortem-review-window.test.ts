/**
 * Review-window invariants over random resolution times, time zones and working weeks: the window
 * opens no earlier than 24 h after resolution, closes no earlier than the policy's due time, never
 * closes before it opens, and both ends fall on working days in the zone.
 */
import { TZDate } from '@date-fns/tz/date';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewWindow } from '../../src/postmortem/index.js';
import { defaultSeverityPolicy, requirementsFor } from '../../src/severity/index.js';
import { postmortemRuns } from '../arbitraries/postmortem.js';
import { resolvedIncident } from '../postmortem/sev1.js';

const HOUR = 3_600_000;
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
];

const caseArb = fc.record({
  severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3'),
  resolvedAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
  timeZone: fc.constantFrom(...ZONES),
  workingDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
});

describe('reviewWindow properties', () => {
  it('opens after decompression, closes by the due time, and both ends fall on working days', () => {
    fc.assert(
      fc.property(caseArb, ({ severity, resolvedAt, timeZone, workingDays }) => {
        const incident = resolvedIncident(severity, resolvedAt);
        const { earliest, latest } = reviewWindow(incident, defaultSeverityPolicy, {
          timeZone,
          workingDays: workingDays as (0 | 1 | 2 | 3 | 4 | 5 | 6)[],
        });
        const due = requirementsFor(defaultSeverityPolicy, severity).postmortemDueHours ?? 120;
        expect(earliest).toBeGreaterThanOrEqual(resolvedAt + 24 * HOUR);
        expect(latest).toBeGreaterThanOrEqual(resolvedAt + due * HOUR);
        expect(latest).toBeGreaterThanOrEqual(earliest);
        expect(workingDays).toContain(new TZDate(earliest, timeZone).getDay());
        expect(workingDays).toContain(new TZDate(latest, timeZone).getDay());
        // Moving onto a working day never skips more than a week.
        expect(earliest - (resolvedAt + 24 * HOUR)).toBeLessThan(7 * 24 * HOUR);
        expect(latest - (resolvedAt + due * HOUR)).toBeLessThan(7 * 24 * HOUR + 2 * HOUR);
        // Unmoved ends are exact; a moved earliest starts its local day.
        if (earliest !== resolvedAt + 24 * HOUR) {
          const local = new TZDate(earliest, timeZone);
          expect([local.getHours(), local.getMinutes()]).toEqual([0, 0]);
        }
      }),
      { numRuns: Math.max(100, Math.floor(postmortemRuns / 2)) },
    );
  });

  it('with every day a working day, is exactly resolution + 24 h and + the due hours', () => {
    fc.assert(
      fc.property(caseArb, ({ severity, resolvedAt, timeZone }) => {
        const incident = resolvedIncident(severity, resolvedAt);
        const w = reviewWindow(incident, defaultSeverityPolicy, {
          timeZone,
          workingDays: [0, 1, 2, 3, 4, 5, 6],
        });
        const due = requirementsFor(defaultSeverityPolicy, severity).postmortemDueHours ?? 120;
        expect(w).toEqual({ earliest: resolvedAt + 24 * HOUR, latest: resolvedAt + due * HOUR });
      }),
      { numRuns: Math.max(100, Math.floor(postmortemRuns / 2)) },
    );
  });
});
