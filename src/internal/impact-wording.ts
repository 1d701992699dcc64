import type { Impact } from '../model/impact.js';

/**
 * The one vocabulary for an impact in words, used by the timeline (`Impact updated: …`) and by the
 * comms impact field, so the two never say the same thing differently. Phrases come in one order:
 * core functionality, users affected, customer-facing, degraded, data loss, security, regions,
 * revenue, then the host's attributes sorted by key.
 *
 * - `'state'` (a message's impact field): what holds now — a flag that is false is left out, except
 *   `customerFacing: false`, which readers want to see.
 * - `'change'` (a timeline entry): what an update set — every flag it names, true or false, since
 *   "no longer degraded" is news.
 */
export function impactPhrases(impact: Impact, mode: 'state' | 'change'): string[] {
  const parts: string[] = [];
  const flag = (value: boolean | undefined, yes: string, no: string) => {
    if (value === true) parts.push(yes);
    else if (value === false && mode === 'change') parts.push(no);
  };
  flag(impact.coreFunctionalityDown, 'core functionality down', 'core functionality up');
  if (impact.usersAffectedPct !== undefined)
    parts.push(`${figure(impact.usersAffectedPct)}% of users affected`);
  if (impact.customerFacing === false) parts.push('not customer-facing');
  else flag(impact.customerFacing, 'customer-facing', 'not customer-facing');
  flag(impact.degraded, 'degraded service', 'service not degraded');
  flag(impact.dataLoss, 'data loss', 'no data loss');
  flag(impact.securityBreach, 'security breach', 'no security breach');
  if (impact.regions !== undefined && (impact.regions.length > 0 || mode === 'change'))
    parts.push(`regions ${impact.regions.join(', ') || 'none'}`);
  if (impact.revenueImpact !== undefined) parts.push(`revenue impact ${figure(impact.revenueImpact)}`);
  if (impact.attributes !== undefined) {
    // Sorted, so the same impact read back with its keys in another order reads the same.
    for (const key of Object.keys(impact.attributes).sort())
      parts.push(`${key}: ${String(impact.attributes[key])}`);
  }
  return parts;
}

/** A figure as people write it: one decimal at most, thousands grouped (`12,500`, `0.5`). */
export function figure(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  const [whole, fraction] = String(Math.abs(rounded)).split('.');
  const digits = whole ?? '0';
  // Exponent forms (1e+21) stay as they are: only a run of digits is grouped.
  let grouped = '';
  for (let i = 0; i < digits.length; i++) {
    if (digits.charCodeAt(i) < 48 || digits.charCodeAt(i) > 57) {
      grouped = digits;
      break;
    }
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += ',';
    grouped += digits[i];
  }
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
