import { describe, expect, it } from 'vitest';
import { renderMessage, resolutionNotice } from '../../src/index.js';
import { kitError, min, sev1Stages, sev3Resolved } from './helpers.js';

const { mitigating, monitoring, resolved, published } = sev1Stages();
const value = (m: { fields: { key: string; value: string }[] }, key: string) =>
  m.fields.find((f) => f.key === key)?.value;

describe('resolutionNotice', () => {
  it('says how long the impact lasted, what fixed it and when the postmortem is due', () => {
    const m = resolutionNotice(resolved);
    expect(m).toMatchObject({
      kind: 'resolution-notice',
      title: 'Resolved: Checkout API returning 502s',
      resolvedAt: min(79),
      durationMs: 85 * 60_000,
      postmortemAt: min(79) + 48 * 3_600_000,
      at: min(79),
    });
    expect(value(m, 'duration')).toBe('1 h 25 min');
    expect(value(m, 'impactStarted')).toBe('2026-11-24 08:54 UTC');
    expect(value(m, 'resolved')).toBe('2026-11-24 10:19 UTC');
    expect(value(m, 'timeToMitigate')).toBe('27 min');
    expect(value(m, 'resolution')).toBe(
      'Restored the connection-pool limit and added an alert on pool saturation',
    );
    expect(value(m, 'postmortem')).toBe('Due by 2026-11-26 10:19 UTC');
  });

  it('takes what fixed it and the postmortem time from the input', () => {
    const m = resolutionNotice(resolved, {
      resolution: 'Rolled forward to 2026.11.24-4',
      postmortemAt: '2026-11-25T14:00:00Z',
    });
    expect(value(m, 'resolution')).toBe('Rolled forward to 2026.11.24-4');
    expect(value(m, 'postmortem')).toBe('Scheduled for 2026-11-25 14:00 UTC');
    expect(m.postmortemAt).toBe(Date.UTC(2026, 10, 25, 14));
  });

  it('uses the policy’s postmortem deadline', () => {
    const policy = { requirements: { SEV1: { postmortemDueHours: 24 } } };
    expect(resolutionNotice(resolved, {}, { policy }).postmortemAt).toBe(min(79) + 24 * 3_600_000);
  });

  it('says when no postmortem is required', () => {
    const m = resolutionNotice(sev3Resolved());
    expect(value(m, 'postmortem')).toBe('Not required for SEV3');
    expect(m.postmortemAt).toBeUndefined();
    expect(value(m, 'duration')).toBe('3 h 5 min');
    expect(value(m, 'resolution')).toBe('Reindexed the catalogue');
  });

  it('says when the postmortem was published', () => {
    expect(value(resolutionNotice(published), 'postmortem')).toBe('Published 2026-11-25 11:00 UTC');
  });

  it('counts the duration from detection when the impact start is unknown', () => {
    const m = resolutionNotice({ ...resolved, milestones: { ...resolved.milestones, startedAt: undefined } });
    expect(m.durationMs).toBe(79 * 60_000);
  });

  it('writes times in the given time zone', () => {
    const m = resolutionNotice(resolved, {}, { timeZone: 'Europe/Berlin' });
    expect(value(m, 'resolved')).toBe('2026-11-24 11:19 UTC+1');
    expect(value(m, 'postmortem')).toBe('Due by 2026-11-26 11:19 UTC+1');
    expect(renderMessage(m, 'text')).toContain('2026-11-24 11:19 UTC+1');
  });

  it('rejects an incident that is not resolved', () => {
    for (const incident of [mitigating, monitoring]) {
      const error = kitError(() => resolutionNotice(incident));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path).toBe('incident.milestones.resolvedAt');
    }
  });

  it('rejects bad input with INVALID_INPUT naming the field', () => {
    const path = (input: unknown) =>
      kitError(() => resolutionNotice(resolved, input as never)).issues[0]?.path;
    expect(path({ resolution: '' })).toBe('input.resolution');
    expect(path({ postmortemAt: 'tomorrow' })).toBe('input.postmortemAt');
    expect(path({ fixed: true })).toBe('input');
    expect(path('yes')).toBe('input');
  });
});
