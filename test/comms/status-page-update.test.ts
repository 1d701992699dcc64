import { describe, expect, it } from 'vitest';
import {
  declareIncident,
  type Incident,
  PHASES,
  renderMessage,
  statusPageStatus,
  statusPageUpdate,
} from '../../src/index.js';
import { kitError, min, sev1Stages, T0, walk } from './helpers.js';

const stages = sev1Stages();
const cancelled = walk(declareIncident({ incidentId: 'INC-5', title: 'Flapping probe', at: T0 }).incident, [
  { type: 'CANCEL', at: min(3), reason: 'false-alarm' },
]);

/** Everything internal about the SEV1 fixture that must never reach the public. */
const INTERNAL = [
  'INC-2041',
  'Checkout API returning 502s', // internal title
  'Alice Chen',
  'Bob Okafor',
  'alice',
  'Dmitri',
  'Roll back release', // a decision
  'pool config', // a note
  'Rolling back.', // an internal update
  'SEV1',
  'Critical',
  'P0',
  '62', // impact figure
  'Customers cannot complete checkout', // internal summary
  'deploy-regression', // category
  'Restored the connection-pool limit', // resolution summary
  'carol',
  'wiki.example.com',
];

describe('statusPageStatus', () => {
  it.each([
    ['detect', 'investigating'],
    ['triage', 'investigating'],
    ['mitigate', 'identified'],
    ['resolve', 'monitoring'],
    ['review', 'resolved'],
    ['closed', 'resolved'],
    ['cancelled', 'resolved'],
  ] as const)('maps %s to %s', (phase, status) => {
    expect(statusPageStatus(phase)).toBe(status);
  });

  it('covers every phase and rejects anything else', () => {
    for (const phase of PHASES) expect(statusPageStatus(phase)).toBeTypeOf('string');
    expect(kitError(() => statusPageStatus('toString' as never)).issues[0]?.path).toBe('phase');
  });
});

describe('statusPageUpdate', () => {
  it.each([
    ['declared', stages.declared, 'investigating'],
    ['mitigating', stages.mitigating, 'identified'],
    ['monitoring', stages.monitoring, 'monitoring'],
    ['resolved', stages.resolved, 'resolved'],
    ['closed', stages.closed, 'resolved'],
    ['cancelled', cancelled, 'resolved'],
  ] as const)('derives the status of a %s incident from its phase', (_name, incident, status) => {
    const m = statusPageUpdate(incident);
    expect(m.status).toBe(status);
    expect(m.audience).toBe('public');
  });

  it('names the affected services and regions in standard wording', () => {
    const m = statusPageUpdate(stages.mitigating);
    expect(m.title).toBe('Outage: checkout-api and payments');
    expect(m.body).toBe(
      'We have identified the cause of the issue affecting checkout-api and payments and are working on a fix.',
    );
    expect(m.services).toEqual(['checkout-api', 'payments']);
    expect(m.fields).toEqual([
      { key: 'status', label: 'Status', value: 'Identified' },
      { key: 'affectedServices', label: 'Affected services', value: 'checkout-api, payments' },
      { key: 'affectedRegions', label: 'Affected regions', value: 'eu-west-1' },
    ]);
  });

  it('uses the public names, title and message it is given', () => {
    const m = statusPageUpdate(stages.monitoring, {
      title: 'Checkout errors',
      message: 'Payments are recovering.',
      services: ['Checkout', 'Payments'],
    });
    expect(m).toMatchObject({
      title: 'Checkout errors',
      body: 'Payments are recovering.',
      services: ['Checkout', 'Payments'],
    });
  });

  it('falls back to generic wording without services', () => {
    const m = statusPageUpdate(cancelled);
    expect(m.title).toBe('Service disruption');
    expect(m.body).toBe(
      'The issue affecting some of our services has been resolved. Thank you for your patience.',
    );
  });

  it('carries no role holders, notes, decisions, severity, figures or internal ids in any format', () => {
    for (const incident of Object.values(stages) as Incident[]) {
      const m = statusPageUpdate(incident, {}, { timeZone: 'Europe/Berlin' });
      const { incidentId: _id, ...content } = m;
      const outputs = [
        JSON.stringify(content),
        renderMessage(m, 'text'),
        renderMessage(m, 'markdown'),
        renderMessage(m, 'html'),
        JSON.stringify(renderMessage(m, 'slack')),
      ];
      for (const out of outputs) for (const secret of INTERNAL) expect(out).not.toContain(secret);
    }
  });

  it('refuses an {{incidentTitle}} placeholder, which would leak the internal title', () => {
    const error = kitError(() =>
      statusPageUpdate(
        stages.mitigating,
        {},
        { templates: { statusPageUpdate: { title: '{{incidentTitle}}' } } },
      ),
    );
    expect(error.issues[0]?.path).toBe('options.templates.statusPageUpdate.title');
  });

  it('rejects bad input with INVALID_INPUT naming the field', () => {
    const path = (input: unknown) =>
      kitError(() => statusPageUpdate(stages.declared, input as never)).issues[0]?.path;
    expect(path({ message: ' ' })).toBe('input.message');
    expect(path({ services: 'checkout' })).toBe('input.services');
    expect(path({ title: 'x'.repeat(501) })).toBe('input.title');
    expect(path({ severity: 'SEV1' })).toBe('input');
  });
});
