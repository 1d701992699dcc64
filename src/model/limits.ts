/** Maximum lengths of user text: generous for real use, bounded so one event cannot bloat a log. */
export const LIMITS = {
  id: 160,
  incidentId: 128,
  title: 500,
  summary: 4_000,
  text: 10_000,
  reason: 1_000,
  name: 100,
  listEntries: 100,
  actionItems: 1_000,
  /** Events (timeline entries) one incident may hold. */
  events: 1_000_000,
  /** Times one incident may be reopened. */
  reopens: 1_000,
} as const;

/** Keys that would reach `Object.prototype` when assigned on a plain object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Ids: incidentkit's (`inc_…`) or a host's (`INC-42`). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@/+-]*$/;

/** Keys users choose (roles, attributes). */
export const SAFE_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Longest severity key or alias. */
export const SEVERITY_KEY_MAX = 32;
