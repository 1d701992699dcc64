import { describe, expect, it } from 'vitest';
import { channelName, declareIncident } from '../../src/index.js';
import { kitError, min, sev1Stages, T0 } from './helpers.js';

const make = (title: string, at: number = T0, incidentId = 'INC-1') =>
  declareIncident({ incidentId, title, at }).incident;

describe('channelName', () => {
  it('is incident-<UTC detection date>-<title slug>', () => {
    expect(channelName(make('Checkout errors'))).toBe('incident-2026-11-24-checkout-errors');
    expect(channelName(make('  DB failover: EU/West (primary) !!  '))).toBe(
      'incident-2026-11-24-db-failover-eu-west-primary',
    );
  });

  it('uses the UTC date of detection, whatever the local date', () => {
    expect(channelName(make('Late night', Date.UTC(2026, 10, 24, 23, 59)))).toBe(
      'incident-2026-11-24-late-night',
    );
  });

  it('drops accents and falls back to the id for titles without ASCII letters', () => {
    expect(channelName(make('Zahlungsausfälle in Köln'))).toBe(
      'incident-2026-11-24-zahlungsausfalle-in-koln',
    );
    expect(channelName(make('決済エラー 🔥', T0, 'INC_42'))).toBe('incident-2026-11-24-inc-42');
  });

  it('stays within Slack’s 80 characters and ends on a word', () => {
    const name = channelName(make('Checkout latency spike across every region '.repeat(4).trim()));
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^incident-2026-11-24-checkout-latency-spike(-[a-z]+)+$/);
    expect(name.endsWith('-')).toBe(false);
    expect(channelName(make('x'.repeat(200))).length).toBeLessThanOrEqual(80);
  });

  it('only ever uses lowercase a-z, 0-9 and hyphens', () => {
    for (const title of ['<!channel> @here', 'A_B.C', '../../etc/passwd', 'ＡＢＣ', '\u202Eevil']) {
      expect(channelName(make(title))).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('is stable as the incident moves on', () => {
    const { declared, closed } = sev1Stages();
    expect(channelName(closed)).toBe(channelName(declared));
    expect(channelName(closed)).toBe('incident-2026-11-24-checkout-api-returning-502s');
  });

  it('can append the id and change the prefix', () => {
    expect(channelName(make('Checkout errors', min(0), 'INC-2041'), { withId: true, prefix: 'inc' })).toBe(
      'inc-2026-11-24-checkout-errors-inc-2041',
    );
    const long = channelName(make('y'.repeat(200), T0, `INC-${'9'.repeat(60)}`), { withId: true });
    expect(long.length).toBeLessThanOrEqual(80);
  });

  it('rejects bad input with INVALID_INPUT', () => {
    expect(kitError(() => channelName({})).code).toBe('INVALID_INPUT');
    expect(kitError(() => channelName({ ...make('x'), title: 1 })).issues[0]?.path).toBe('incident.title');
    expect(kitError(() => channelName(make('x'), { prefix: 'Bad Prefix' })).issues[0]?.path).toBe(
      'options.prefix',
    );
  });
});
