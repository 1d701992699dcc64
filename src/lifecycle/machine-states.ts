// The lifecycle's states as plain data: the XState machine is built from it (with the guard and
// action implementations), and the transition table `decide` and `evolve` use is read off it, so the
// fast path and the machine cannot drift, and folding a log needs no XState at all.

const ACCEPTED = { guard: 'eventAccepted', actions: 'record' } as const;

/** Events every non-terminal phase accepts without changing phase. */
const IN_PLACE = {
  SET_SEVERITY: ACCEPTED,
  ASSIGN_ROLE: ACCEPTED,
  UNASSIGN_ROLE: ACCEPTED,
  UPDATE_IMPACT: ACCEPTED,
  POST_UPDATE: ACCEPTED,
  NOTE: ACCEPTED,
  ADD_ACTION_ITEM: ACCEPTED,
  UPDATE_ACTION_ITEM: ACCEPTED,
  AMEND_MILESTONE: ACCEPTED,
} as const;

const REOPEN = { target: 'mitigate', ...ACCEPTED } as const;

/** Writes the state's phase into the context on entry, so the read model matches the state value. */
const enter = <P extends string>(phase: P) => ({ type: 'enterPhase', params: { phase } }) as const;

/**
 * detect → triage → mitigate → resolve → review → closed, REOPEN back to mitigate, CANCEL from
 * detect or triage. Guard names: `eventAccepted` (the lifecycle accepts the event), and the policy
 * guards `triageRolesHeld` and `closeRequirementsMet`.
 */
export const INCIDENT_STATES = {
  detect: {
    on: {
      ACKNOWLEDGE: { target: 'triage', ...ACCEPTED },
      CANCEL: { target: 'cancelled', ...ACCEPTED },
      ...IN_PLACE,
    },
  },
  triage: {
    entry: enter('triage'),
    on: {
      TRIAGE: { target: 'mitigate', guard: 'triageRolesHeld', actions: 'record' },
      CANCEL: { target: 'cancelled', ...ACCEPTED },
      ...IN_PLACE,
    },
  },
  mitigate: {
    entry: enter('mitigate'),
    on: { MITIGATE: { target: 'resolve', ...ACCEPTED }, ...IN_PLACE },
  },
  resolve: {
    entry: enter('resolve'),
    on: { RESOLVE: { target: 'review', ...ACCEPTED }, REOPEN, ...IN_PLACE },
  },
  review: {
    entry: enter('review'),
    on: {
      CLOSE: { target: 'closed', guard: 'closeRequirementsMet', actions: 'record' },
      REOPEN,
      PUBLISH_POSTMORTEM: ACCEPTED,
      ...IN_PLACE,
    },
  },
  closed: {
    entry: enter('closed'),
    on: {
      REOPEN,
      PUBLISH_POSTMORTEM: ACCEPTED,
      ADD_ACTION_ITEM: ACCEPTED,
      UPDATE_ACTION_ITEM: ACCEPTED,
      AMEND_MILESTONE: ACCEPTED,
    },
  },
  cancelled: { type: 'final', entry: enter('cancelled') },
} as const;
