export { type Classification, classify } from './classify.js';
export { compareSeverity } from './compare-severity.js';
export type { Condition, ConditionOp, ConditionValue, FieldCondition } from './condition.js';
export { type Escalation, escalationsDue } from './escalations.js';
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
export { requirementsFor } from './requirements.js';
export { defaultSeverityScale, type SeverityLevel } from './scale.js';
export { severityKey, severityLevel } from './severity-key.js';
export { nextUpdateDue, type OverdueUpdate, overdueUpdates } from './update-cadence.js';
