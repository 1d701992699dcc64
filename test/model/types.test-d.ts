import { expectTypeOf, test } from 'vitest';
import type {
  ApplyResult,
  Classification,
  Incident,
  IncidentEvent,
  IncidentEventInput,
  IncidentEventOf,
  Phase,
  SeverityRequirements,
} from '../../src/index.js';
import {
  applyEvent,
  classify,
  declareIncident,
  replay,
  requirementsFor,
  safeApplyEvent,
} from '../../src/index.js';

test('events are a discriminated union on type', () => {
  expectTypeOf<IncidentEventOf<'TRIAGE'>['severity']>().toEqualTypeOf<string>();
  expectTypeOf<IncidentEventOf<'CANCEL'>['reason']>().toEqualTypeOf<
    'false-alarm' | 'duplicate' | 'not-an-incident'
  >();
  expectTypeOf<IncidentEvent['id']>().toEqualTypeOf<string>();
  expectTypeOf<IncidentEvent['at']>().toEqualTypeOf<number>();
  // Inputs accept Date, ISO strings and epoch ms; ids are optional.
  expectTypeOf<{ type: 'ACKNOWLEDGE'; at: Date }>().toMatchTypeOf<IncidentEventInput>();
  expectTypeOf<{ type: 'ACKNOWLEDGE'; at: string; id: string }>().toMatchTypeOf<IncidentEventInput>();
  // @ts-expect-error — a TRIAGE needs a severity
  const bad: IncidentEventInput = { type: 'TRIAGE', at: 0 };
  void bad;
});

test('the incident is plain data with epoch-ms milestones', () => {
  expectTypeOf<Incident['phase']>().toEqualTypeOf<Phase>();
  expectTypeOf<Incident['milestones']['detectedAt']>().toEqualTypeOf<number>();
  expectTypeOf<Incident['milestones']['resolvedAt']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<Incident['roles']>().toEqualTypeOf<Record<string, string>>();
});

test('lifecycle functions are typed end to end', () => {
  expectTypeOf(declareIncident).returns.toEqualTypeOf<{
    incident: Incident;
    event: IncidentEventOf<'DECLARE'>;
  }>();
  expectTypeOf(applyEvent).returns.toEqualTypeOf<Incident>();
  expectTypeOf(replay).returns.toEqualTypeOf<Incident>();
  expectTypeOf(safeApplyEvent).returns.toEqualTypeOf<ApplyResult>();
  expectTypeOf(classify).returns.toEqualTypeOf<Classification>();
  expectTypeOf(requirementsFor).returns.toEqualTypeOf<SeverityRequirements>();
});
