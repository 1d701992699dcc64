export {
  type ActionItemCompletion,
  type ActionItemCompletionOptions,
  actionItemCompletion,
  type OverdueActionItem,
} from './action-item-completion.js';
export { defineDurationMetric } from './define-duration-metric.js';
export { type DetectionSources, detectionSources } from './detection-sources.js';
export type {
  BusinessHoursClock,
  BusinessHoursInput,
  DurationAggregate,
  DurationMetricDefinition,
  DurationMetricInput,
  OpenIncidentPolicy,
  ReopenPolicy,
} from './duration-metric.js';
export { type DurationStatsOptions, durationStats } from './duration-stats.js';
export type { DurationStats } from './engine/duration-core.js';
export type { DurationMilestone, FactsMilestones, IncidentFacts } from './incident-facts.js';
export type { IncidentFilterOptions } from './incident-filter.js';
export {
  type FrequencyBucket,
  type FrequencyInterval,
  type IncidentFrequency,
  type IncidentFrequencyOptions,
  incidentFrequency,
} from './incident-frequency.js';
export {
  type MetricsReport,
  type MetricsReportOptions,
  metricsReport,
  type ReportPeriod,
} from './metrics-report.js';
export {
  type InterruptionSplit,
  type OnCallLoad,
  type OnCallLoadOptions,
  type OnCallPage,
  type OnCallWorkingHours,
  onCallLoad,
  type ResponderLoad,
} from './on-call-load.js';
export {
  type PostmortemCoverage,
  type PostmortemCoverageOptions,
  type PostmortemPolicy,
  postmortemCoverage,
} from './postmortem-coverage.js';
export {
  type RecurrenceOptions,
  type RecurrenceSummary,
  type RecurringKey,
  recurrenceRate,
} from './recurrence-rate.js';
export {
  mtta,
  mttaMetric,
  mttd,
  mttdMetric,
  mttm,
  mttmMetric,
  mttr,
  mttrMetric,
  type NamedDurationOptions,
} from './standard-metrics.js';
export {
  type TrendDirection,
  type TrendOptions,
  type TrendSummary,
  trend,
} from './trend.js';
