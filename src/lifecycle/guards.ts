import { type Incident, type IncidentEvent, IncidentKitError } from '../model/index.js';
import { requirementsFor, type SeverityPolicy } from '../severity/index.js';

/** The named guards of the lifecycle machine; each checks one policy requirement. */
export type GuardName = 'triageRolesHeld' | 'closeRequirementsMet';

function rejected(
  incident: Incident,
  event: { type: string },
  requirement: string,
  message: string,
  missing?: readonly string[],
): IncidentKitError {
  return new IncidentKitError(
    'GUARD_REJECTED',
    `cannot ${event.type} ${incident.id} (phase ${incident.phase}): ${message}`,
    {
      incidentId: incident.id,
      phase: incident.phase,
      eventType: event.type,
      requirement,
      ...(missing === undefined ? {} : { missingRoles: missing }),
    },
  );
}

/** Roles the severity requires that nobody holds. */
export function missingRoles(
  incident: Incident,
  severity: string | undefined,
  policy: SeverityPolicy,
): string[] {
  return requirementsFor(severity, { policy }).requiredRoles.filter(
    (role) => !Object.hasOwn(incident.roles, role),
  );
}

/**
 * Leaving triage needs every role the TRIAGE severity requires (a later escalation does not block;
 * `escalationsDue` reports it instead).
 */
export function triageRolesHeld(
  incident: Incident,
  event: IncidentEvent,
  policy: SeverityPolicy,
): IncidentKitError | undefined {
  const severity = event.type === 'TRIAGE' ? event.severity : incident.severity;
  const missing = missingRoles(incident, severity, policy);
  if (missing.length === 0) return undefined;
  return rejected(
    incident,
    event,
    'requiredRoles',
    `severity ${severity} requires role${missing.length > 1 ? 's' : ''} ${missing.join(', ')} to be assigned (ASSIGN_ROLE first)`,
    missing,
  );
}

/**
 * Closing needs a published postmortem when the severity requires one, and an owner and a due date
 * on every open action item.
 */
export function closeRequirementsMet(
  incident: Incident,
  event: { type: string },
  policy: SeverityPolicy,
): IncidentKitError | undefined {
  const req = requirementsFor(incident.severity, { policy });
  if (req.postmortemRequired && !incident.postmortem) {
    return rejected(
      incident,
      event,
      'postmortemRequired',
      `severity ${incident.severity ?? policy.uncertain} requires a published postmortem (PUBLISH_POSTMORTEM first)`,
    );
  }
  const unowned = incident.actionItems.filter(
    (item) => item.status === 'open' && (item.owner === undefined || item.dueAt === undefined),
  );
  if (unowned.length > 0) {
    return rejected(
      incident,
      event,
      'actionItemsOwned',
      `open action items need an owner and a due date: ${unowned.map((i) => i.id).join(', ')}`,
    );
  }
  return undefined;
}

/** Guard implementations by name, shared by the XState machine and the transition table. */
export const GUARDS: Readonly<
  Record<
    GuardName,
    (incident: Incident, event: IncidentEvent, policy: SeverityPolicy) => IncidentKitError | undefined
  >
> = {
  triageRolesHeld,
  closeRequirementsMet,
};
