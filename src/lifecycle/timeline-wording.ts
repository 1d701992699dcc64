import { impactPhrases } from '../internal/impact-wording.js';
import type { CancelReason, Impact, MilestoneKey } from '../model/index.js';

// The sentences the timeline records for each event. One place, so the wording stays consistent.

const CANCEL_TEXT: Readonly<Record<CancelReason, string>> = {
  'false-alarm': 'false alarm',
  duplicate: 'duplicate',
  'not-an-incident': 'not an incident',
};

/** "Cancelled: false alarm", "Cancelled: duplicate of INC-7", … */
export function cancelText(reason: CancelReason, duplicateOf: string | undefined): string {
  return `Cancelled: ${CANCEL_TEXT[reason]}${duplicateOf ? ` of ${duplicateOf}` : ''}`;
}

/** What an impact update set, in the words the comms impact field uses: "12% of users affected, customer-facing". */
export function describeImpact(impact: Impact): string {
  return impactPhrases(impact, 'change').join(', ');
}

const MILESTONE_WORDS: Readonly<Record<MilestoneKey, string>> = {
  startedAt: 'impact start',
  detectedAt: 'detection',
  acknowledgedAt: 'acknowledgement',
  triagedAt: 'triage',
  mitigatedAt: 'mitigation',
  resolvedAt: 'resolution',
  reviewedAt: 'review',
  closedAt: 'closing',
  cancelledAt: 'cancellation',
};

/** "impact start", "acknowledgement", … */
export function milestoneWords(milestone: MilestoneKey): string {
  return MILESTONE_WORDS[milestone];
}

/** An epoch-ms time as the timeline shows it (ISO, UTC). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** "Corrected impact start: 2026-11-24T09:00:00.000Z → 2026-11-24T08:40:00.000Z (graphs show errors from 08:40)". */
export function amendText(milestone: MilestoneKey, from: number, to: number, reason: string): string {
  return `Corrected ${milestoneWords(milestone)}: ${isoTime(from)} → ${isoTime(to)} (${reason})`;
}
