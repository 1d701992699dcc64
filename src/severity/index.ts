export { type Classification, type ClassifyOptions, classify } from './classify.js';
export { type CompareSeverityOptions, compareSeverity } from './compare-severity.js';
export {
  CONDITION_OPS,
  type Condition,
  type ConditionOp,
  type ConditionValue,
  type FieldCondition,
} from './condition.js';
export { type Escalation, type EscalationsDueOptions, escalationsDue } from './escalations.js';
export {
  defaultSeverityPolicy,
  defineSeverityPolicy,
  type PageScope,
  resolvePolicy,
  type SeverityLevelConfig,
  type SeverityPolicy,
  type SeverityPolicyConfig,
  type SeverityRequirements,
  type SeverityRule,
} from './policy.js';
export { type PolicyForIncidentOptions, type PolicyStamp, policyForIncident } from './policy-for-incident.js';
export { type RequirementsForOptions, requirementsFor } from './requirements.js';
export { defaultSeverityScale, type SeverityLevel } from './scale.js';
export { type SeverityKeyOptions, severityKey, severityLevel } from './severity-key.js';
export {
  type NextUpdateDueOptions,
  nextUpdateDue,
  type OverdueUpdate,
  type OverdueUpdatesOptions,
  overdueUpdates,
} from './update-cadence.js';
