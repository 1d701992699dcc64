import { describe, expect, it } from 'vitest';
import { reminder, renderMessage } from '../../src/index.js';
import { iso, kitError, min, sev1Stages } from './helpers.js';

const { declared, mitigating } = sev1Stages();
const value = (m: { fields: { key: string; value: string }[] }, key: string) =>
  m.fields.find((f) => f.key === key)?.value;

describe('reminder', () => {
  it('tells responders a status update is overdue and since when', () => {
    const m = reminder(mitigating, { reason: 'update-overdue', dueAt: iso(30) }, { at: min(34) });
    expect(m).toMatchObject({
      kind: 'reminder',
      incidentId: 'INC-2041',
      audience: 'responders',
      title: 'Status update overdue: Checkout API returning 502s',
      reason: 'update-overdue',
      dueAt: min(30),
      severity: 'SEV1',
      phase: 'mitigate',
      at: min(34),
    });
    expect(value(m, 'due')).toBe('2026-11-24 09:30 UTC (4 min ago)');
    expect(value(m, 'commander')).toBe('Alice Chen');
    expect(m.missingRoles).toBeUndefined();
  });

  it('names the unassigned roles in words for roles-missing', () => {
    const m = reminder(
      declared,
      { reason: 'roles-missing', dueAt: iso(5), missingRoles: ['commander', 'commsLead', 'scribe'] },
      { at: min(6) },
    );
    expect(m.title).toBe('Roles unassigned: Checkout API returning 502s');
    expect(m.missingRoles).toEqual(['commander', 'commsLead', 'scribe']);
    expect(m.fields.find((f) => f.key === 'missingRoles')?.items).toEqual([
      'Incident commander',
      'Comms lead',
      'scribe',
    ]);
    expect(value(m, 'commander')).toBe('Unassigned');
  });

  it('says "Was due" once the time has passed, whatever the reason', () => {
    const m = reminder(mitigating, { reason: 'postmortem-due', dueAt: iso(60) }, { at: min(90) });
    expect(m.fields.find((f) => f.key === 'due')).toMatchObject({
      label: 'Was due',
      value: '2026-11-24 10:00 UTC (30 min ago)',
    });
  });

  it('says "Due by" for a postmortem that is not yet late', () => {
    const m = reminder(mitigating, { reason: 'postmortem-due', dueAt: iso(60 * 48) }, { at: min(60 * 47) });
    expect(m.fields.find((f) => f.key === 'due')).toMatchObject({
      label: 'Due by',
      value: '2026-11-26 09:00 UTC (in 1 h)',
    });
  });

  it('titles a reminder sent before its due time "due", not "overdue"', () => {
    const early = reminder(mitigating, { reason: 'update-overdue', dueAt: iso(30) }, { at: min(25) });
    expect(early.title).toBe('Status update due: Checkout API returning 502s');
    expect(early.fields.find((f) => f.key === 'due')?.label).toBe('Due by');
    const late = reminder(mitigating, { reason: 'acknowledge-overdue', dueAt: iso(5) }, { at: min(5) });
    expect(late.title).toBe('Acknowledgement overdue: Checkout API returning 502s');
  });

  it('is rendered by every format', () => {
    const m = reminder(mitigating, { reason: 'acknowledge-overdue', dueAt: iso(5) }, { at: min(7) });
    expect(renderMessage(m, 'text').split('\n')[0]).toBe(
      'Acknowledgement overdue: Checkout API returning 502s',
    );
    expect(renderMessage(m, 'markdown')).toContain('- **Was due:** 2026-11-24 09:05 UTC (2 min ago)');
    expect(renderMessage(m, 'html')).toContain('incidentkit-reminder');
    expect(renderMessage(m, 'slack').blocks[0]).toMatchObject({ type: 'header' });
    expect(renderMessage(m, 'teams').attachments[0].content.version).toBe('1.4');
  });

  it('rejects roles for reasons other than roles-missing, and roles-missing without roles', () => {
    const path = (input: unknown, options?: unknown) =>
      kitError(() => reminder(mitigating, input as never, options as never)).issues[0]?.path;
    expect(path({ reason: 'roles-missing', dueAt: iso(5) })).toBe('input.missingRoles');
    expect(path({ reason: 'roles-missing', dueAt: iso(5), missingRoles: [] })).toBe('input.missingRoles');
    expect(path({ reason: 'update-overdue', dueAt: iso(5), missingRoles: ['commander'] })).toBe(
      'input.missingRoles',
    );
    expect(path({ reason: 'late', dueAt: iso(5) })).toBe('input.reason');
    expect(path({ reason: 'update-overdue', dueAt: '2026-11-24T09:00' })).toBe('input.dueAt');
    expect(path({ reason: 'update-overdue', dueAt: iso(5) }, { audience: 'stakeholders' })).toBe(
      'options.audience',
    );
    expect(path({ reason: 'update-overdue', dueAt: iso(5) }, { channel: { id: 'C1', name: 'x' } })).toBe(
      'options',
    );
  });
});
