import { impactPhrases } from '../internal/impact-wording.js';
import type { Impact, Phase } from '../model/index.js';
import type { MessageField } from './message.js';

const PHASE_TEXT: Readonly<Record<Phase, string>> = {
  detect: 'Investigating',
  triage: 'Triaging',
  mitigate: 'Mitigating',
  resolve: 'Mitigated, monitoring',
  review: 'Resolved, in review',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The phase in words for internal audiences. */
export function phaseText(phase: Phase): string {
  return PHASE_TEXT[phase];
}

/** The impact in words for internal audiences; `Not yet known` when it states nothing. */
export function impactText(impact: Impact): string {
  const parts = impactPhrases(impact, 'state');
  if (parts.length === 0) return 'Not yet known';
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Longest value a field holds (lists are also joined into `value`). */
const VALUE_MAX = 20_000;

function cap(text: string): string {
  if (text.length <= VALUE_MAX) return text;
  const cut =
    text.charCodeAt(VALUE_MAX - 2) >= 0xd800 && text.charCodeAt(VALUE_MAX - 2) <= 0xdbff
      ? VALUE_MAX - 2
      : VALUE_MAX - 1;
  return `${text.slice(0, cut)}…`;
}

/** A field, or nothing when the value is absent or blank. Values are capped at 20 000 characters. */
export function field(
  key: string,
  label: string,
  value: string | readonly string[] | undefined,
  url?: string,
): MessageField[] {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    return [url === undefined ? { key, label, value: cap(value) } : { key, label, value: cap(value), url }];
  }
  const items = value.filter((v) => v.trim() !== '');
  if (items.length === 0) return [];
  return [{ key, label, value: cap(items.join('; ')), items }];
}

const ROLE_LABEL: Readonly<Record<string, string>> = {
  commander: 'Incident commander',
  techLead: 'Tech lead',
  commsLead: 'Comms lead',
};

/** A role key in words: the three standard roles by name, a host's own role by its key. */
export function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_LABEL, role) ? ROLE_LABEL[role]! : role;
}
