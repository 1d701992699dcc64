/**
 * Every exported function of every subpath, found by walking the module namespaces (so a new
 * export is fuzzed the day it lands), and the argument shapes each takes: valid arguments with
 * the fuzzed value put in one position, or in one field of one argument. A function without an
 * entry in {@link ARGUMENTS} is still fuzzed in every position its `length` declares, and the
 * suite fails until someone writes its entry (test/fuzz/fuzz.test.ts).
 */
import * as adapters from '../../src/adapters/index.js';
import * as comms from '../../src/comms/index.js';
import * as importers from '../../src/importers/index.js';
import * as root from '../../src/index.js';
import * as lifecycle from '../../src/lifecycle/index.js';
import * as manager from '../../src/manager/index.js';
import * as metrics from '../../src/metrics/index.js';
import * as model from '../../src/model/index.js';
import * as postmortem from '../../src/postmortem/index.js';
import * as severity from '../../src/severity/index.js';

/** The public subpaths (package.json `exports`), as module namespaces. */
export const SUBPATHS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  incidentkit: root,
  lifecycle,
  severity,
  comms,
  postmortem,
  metrics,
  adapters,
  manager,
  importers,
  // model is exported through the root; listed so its helpers get their own names.
  model,
};

/** One exported function, named after the first subpath that exports it. */
export interface EntryPoint {
  readonly name: string;
  readonly subpath: string;
  readonly fn: (...args: unknown[]) => unknown;
}

/** Every exported function (classes included: they are called with `new`), once each. */
export function entryPoints(): EntryPoint[] {
  const seen = new Map<unknown, EntryPoint>();
  for (const [subpath, ns] of Object.entries(SUBPATHS)) {
    for (const [name, value] of Object.entries(ns)) {
      if (typeof value !== 'function' || seen.has(value)) continue;
      seen.set(value, { name, subpath, fn: value as (...args: unknown[]) => unknown });
    }
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const T0 = Date.UTC(2026, 10, 24, 9);
const { incident: declared } = root.declareIncident({
  incidentId: 'INC-1',
  title: 'Checkout errors',
  at: T0,
  severity: 'SEV2',
});
const resolved = root.replay([
  { type: 'DECLARE', id: 'e0', incidentId: 'INC-2', title: 'Checkout errors', at: T0, severity: 'SEV3' },
  { type: 'ACKNOWLEDGE', id: 'e1', at: T0 + 60_000, by: 'alice' },
  { type: 'ASSIGN_ROLE', id: 'e2', at: T0 + 61_000, role: 'commander', assignee: 'alice' },
  { type: 'TRIAGE', id: 'e3', at: T0 + 120_000, severity: 'SEV3' },
  { type: 'MITIGATE', id: 'e4', at: T0 + 600_000, summary: 'rolled back' },
  { type: 'RESOLVE', id: 'e5', at: T0 + 900_000, summary: 'fixed' },
]);
const message = root.statusUpdate(declared, { status: 'Investigating', actionsTaken: ['Paused deploys'] });
const pm = root.draftPostmortem(resolved);
const note = { type: 'NOTE', at: T0 + 1, text: 'x' };
const policyConfig = { id: 'p', version: '1' };
const context = { id: 'INC-1', severity: 'SEV2', phase: 'triage', page: 'team' };
const https = 'https://hooks.example.invalid/x';
const noFetch = () => Promise.reject(new TypeError('fuzz: no network'));

/**
 * Valid-ish arguments for each export and the fields of each argument worth fuzzing one at a time.
 * `args` need not pass validation; they are the background the fuzzed value is placed into.
 */
export interface Arguments {
  readonly args: readonly unknown[];
  /** Argument index → field names: each gets its own shape (the argument with that field fuzzed). */
  readonly fields?: Readonly<Record<number, readonly string[]>>;
  /** Called with `new` (a class). */
  readonly construct?: boolean;
}

export const ARGUMENTS: Readonly<Record<string, Arguments>> = {
  IncidentKitError: {
    args: ['INVALID_INPUT', 'bad', { issues: [{ path: 'x', message: 'y' }] }],
    fields: { 2: ['issues', 'cause'] },
    construct: true,
  },
  acknowledgement: { args: [declared, {}], fields: { 1: ['at', 'timeZone', 'templates'] } },
  actionItemCompletion: { args: [[resolved], { now: T0 }], fields: { 1: ['now', 'filter', 'since'] } },
  allowedEvents: { args: [declared, {}], fields: { 1: ['policy'] } },
  applyEvent: {
    args: [declared, note, {}],
    fields: { 1: ['type', 'at', 'id', 'text'], 2: ['now', 'policy'] },
  },
  backoffDelay: { args: [1, {}, () => 0.5], fields: { 1: ['baseMs', 'maxMs'] } },
  channelName: { args: [declared, {}], fields: { 1: ['prefix', 'at', 'timeZone'] } },
  checkTime: { args: [T0] },
  checkTimeZone: { args: ['UTC', 'timeZone'] },
  classify: {
    args: [{ usersAffected: 10 }, {}],
    fields: { 0: ['usersAffected', 'revenueAtRisk'], 1: ['policy'] },
  },
  classifyHttpStatus: { args: [500, '1', {}], fields: { 2: ['now', 'date'] } },
  compareSeverity: { args: ['SEV1', 'SEV2', {}], fields: { 2: ['policy', 'scale'] } },
  createCsvRowImporter: {
    args: [{ detectedAt: 'created' }, {}],
    fields: { 0: ['detectedAt', 'id'], 1: ['header'] },
  },
  createIncidentMachine: { args: [{}], fields: { 0: ['policy'] } },
  createIncidentManager: {
    args: [{}],
    fields: { 0: ['store', 'policy', 'notifiers', 'routes', 'clock', 'ids'] },
  },
  createPagerDutyRowImporter: { args: [{}], fields: { 0: ['timeZone', 'now'] } },
  decide: { args: [declared, note, {}], fields: { 1: ['type', 'at', 'id'], 2: ['now', 'maxClockSkewMs'] } },
  declareIncident: {
    args: [{ title: 'x', at: T0 }, {}],
    fields: { 0: ['title', 'at', 'severity', 'impact'] },
  },
  defineDurationMetric: {
    args: [{ id: 'm', from: 'startedAt', to: 'resolvedAt' }],
    fields: { 0: ['id', 'from', 'to', 'clock'] },
  },
  definePostmortemTemplate: { args: [{}], fields: { 0: ['sections', 'id'] } },
  defineSeverityPolicy: { args: [policyConfig], fields: { 0: ['levels', 'rules', 'scale', 'id'] } },
  deliverOutbox: {
    args: [adapters.memoryStore(), [], { now: T0 }],
    fields: { 2: ['now', 'limit', 'leaseMs'] },
  },
  deliveryFailed: { args: ['x', {}], fields: { 1: ['status', 'retryAfterMs', 'cause'] } },
  derivedEventId: { args: ['INC-1', 1] },
  detectImportSource: { args: ['{}'] },
  detectionSources: { args: [[resolved], {}], fields: { 1: ['since', 'until', 'filter'] } },
  draftPostmortem: {
    args: [resolved, {}, {}],
    fields: { 1: ['summary', 'actionItems'], 2: ['timeZone', 'template'] },
  },
  durationStats: {
    args: [[resolved], { from: 'startedAt', to: 'resolvedAt' }],
    fields: { 1: ['from', 'to', 'clock', 'now'] },
  },
  escalationsDue: { args: [[declared], { now: T0 }], fields: { 1: ['now', 'policy'] } },
  evolve: { args: [declared, { ...note, id: 'n1' }], fields: { 1: ['type', 'at', 'id'] } },
  fromAlertmanager: { args: [{ alerts: [] }], fields: { 0: ['alerts', 'version'] } },
  fromCsv: {
    args: ['created\n2026-01-01T00:00:00Z\n', { detectedAt: 'created' }, {}],
    fields: { 1: ['detectedAt'], 2: ['timeZone'] },
  },
  fromGrafanaAlert: { args: [{ alerts: [] }], fields: { 0: ['alerts', 'status'] } },
  fromIncidentIo: { args: [{ incidents: [] }, {}], fields: { 0: ['incidents'], 1: ['timeZone'] } },
  fromOpsgenie: { args: [{ data: [] }, {}], fields: { 0: ['data'], 1: ['timeZone'] } },
  fromPagerDuty: { args: [{ incidents: [] }, {}], fields: { 0: ['incidents'], 1: ['timeZone'] } },
  fromPagerDutyWebhook: { args: [{ event: {} }], fields: { 0: ['event'] } },
  fromStatuspage: { args: [{ incidents: [] }, {}], fields: { 0: ['incidents'], 1: ['timeZone'] } },
  githubIssuesTracker: {
    args: [{ repo: 'o/r', token: 't', fetch: noFetch }],
    fields: { 0: ['repo', 'token', 'baseUrl'] },
  },
  httpRequest: {
    args: [https, { fetch: noFetch }],
    fields: { 1: ['method', 'body', 'headers', 'timeoutMs'] },
  },
  importIncidents: { args: ['{}', {}], fields: { 1: ['source', 'timeZone'] } },
  incidentFrequency: {
    args: [[resolved], { interval: 'week', since: T0 - 1e9, until: T0 + 1e9 }],
    fields: { 1: ['interval', 'since', 'until', 'timeZone', 'weekStartsOn'] },
  },
  incidentInvariantViolations: {
    args: [declared, {}],
    fields: { 0: ['timeline', 'milestones'], 1: ['policy'] },
  },
  initialNotification: { args: [declared, {}], fields: { 1: ['at', 'timeZone', 'templates', 'channel'] } },
  invalidInput: { args: ['x', 'y'] },
  isImpactUnknown: { args: [{}] },
  isIncidentKitError: { args: [new root.IncidentKitError('INTERNAL', 'x', {} as never), 'INTERNAL'] },
  isTimeZone: { args: ['UTC'] },
  jiraTracker: {
    args: [{ baseUrl: https, project: 'P', email: 'a', token: 't', fetch: noFetch }],
    fields: { 0: ['baseUrl', 'project'] },
  },
  lifecycleDiagram: { args: [] },
  lintBlameLanguage: { args: ['the deploy failed', {}], fields: { 1: ['people'] } },
  lintPostmortem: { args: [pm, {}], fields: { 0: ['sections', 'metadata'], 1: ['rules', 'people'] } },
  memoryStore: { args: [{}], fields: { 0: ['policy', 'clock'] } },
  metricsReport: {
    args: [[resolved], { now: T0 }],
    fields: { 1: ['now', 'metrics', 'interval', 'timeZone'] },
  },
  mtta: { args: [[resolved], {}], fields: { 1: ['now', 'open', 'clock'] } },
  mttd: { args: [[resolved], {}], fields: { 1: ['now', 'open'] } },
  mttm: { args: [[resolved], {}], fields: { 1: ['now', 'open'] } },
  mttr: { args: [[resolved], {}], fields: { 1: ['now', 'open'] } },
  newId: { args: ['evt'] },
  nextUpdateDue: { args: [declared, {}], fields: { 1: ['policy'] } },
  onCallLoad: {
    args: [[{ responder: 'a', at: T0 }], { now: T0, weeks: 1 }],
    fields: { 1: ['now', 'weeks', 'timeZone', 'workingHours'] },
  },
  overdueUpdates: { args: [[declared], { now: T0 }], fields: { 1: ['now', 'policy'] } },
  pagerDutyEventAction: {
    args: [{ kind: 'initial-notification' }, { page: 'team', phase: 'triage' }],
    fields: { 0: ['kind', 'reason'], 1: ['page', 'phase'] },
  },
  pagerDutyNotifier: {
    args: [{ routingKey: 'k', fetch: noFetch }],
    fields: { 0: ['routingKey', 'url', 'incidentUrl'] },
  },
  parseIncident: { args: [declared], fields: { 0: ['timeline', 'milestones', 'phase'] } },
  parsePostmortem: { args: [pm], fields: { 0: ['sections', 'metadata'] } },
  parseRetryAfter: { args: ['1', {}], fields: { 1: ['now', 'date'] } },
  policyForIncident: { args: [declared, {}], fields: { 0: ['policy', 'id'], 1: ['policy'] } },
  postJson: { args: [https, {}, { fetch: noFetch }], fields: { 2: ['headers', 'timeoutMs'] } },
  postgresStore: {
    args: [{ client: { query: () => Promise.reject(new Error('no db')) } }],
    fields: { 0: ['client', 'schema', 'mode'] },
  },
  postmortemActionItemEvents: { args: [pm, resolved, { at: T0 + 1e6 }], fields: { 2: ['at', 'by'] } },
  postmortemCoverage: { args: [[resolved], { now: T0 + 1e9 }], fields: { 1: ['now', 'policy'] } },
  postmortemFromMarkdown: { args: ['# Summary\nx', {}], fields: { 1: ['incidentId', 'timeZone'] } },
  postmortemPublished: { args: [resolved, {}], fields: { 1: ['at', 'url', 'timeZone'] } },
  publishPostmortem: {
    args: [pm, { at: T0 + 1e6, url: 'https://x.example/pm' }],
    fields: { 1: ['at', 'url', 'by', 'incident'] },
  },
  recurrenceRate: { args: [[resolved], {}], fields: { 1: ['key', 'windowDays'] } },
  reminder: {
    args: [declared, { reason: 'update-overdue', dueAt: T0 }, {}],
    fields: { 1: ['reason', 'dueAt', 'missingRoles'], 2: ['at'] },
  },
  renderMessage: {
    args: [message, 'text', {}],
    fields: { 0: ['kind', 'fields', 'title', 'at'], 2: ['timeZone', 'baseUrl'] },
  },
  renderPostmortem: { args: [pm, 'markdown', {}], fields: { 0: ['sections'], 2: ['timeZone'] } },
  replay: { args: [[{ type: 'DECLARE', title: 'x', at: T0 }, note], {}], fields: { 1: ['policy'] } },
  requirementsFor: { args: ['SEV1', {}], fields: { 1: ['policy'] } },
  resolutionNotice: {
    args: [resolved, {}, {}],
    fields: { 1: ['summary', 'nextSteps'], 2: ['at', 'timeZone'] },
  },
  resolvePolicy: { args: [policyConfig], fields: { 0: ['levels', 'rules', 'id'] } },
  reviewWindow: { args: [resolved, {}], fields: { 1: ['timeZone', 'businessDays', 'policy'] } },
  routeMessage: {
    args: [message, context, [{ notifier: 'n' }], [{ name: 'n' }]],
    fields: { 1: ['severity', 'page', 'phase'] },
  },
  safeApplyEvent: { args: [declared, note, {}], fields: { 1: ['type', 'at'] } },
  safeDecide: { args: [declared, note, {}], fields: { 1: ['type', 'at'] } },
  severityKey: { args: ['SEV1', {}], fields: { 1: ['policy', 'scale'] } },
  severityLevel: { args: ['SEV1', {}], fields: { 1: ['policy', 'scale'] } },
  slackApiNotifier: {
    args: [{ token: 't', channel: 'C1', fetch: noFetch }],
    fields: { 0: ['token', 'channel', 'baseUrl'] },
  },
  slackNotifier: {
    args: [{ webhookUrl: https, fetch: noFetch }],
    fields: { 0: ['webhookUrl', 'timeoutMs'] },
  },
  statusPageStatus: { args: ['triage'] },
  statusPageUpdate: { args: [declared, {}, {}], fields: { 1: ['message', 'status'], 2: ['at', 'timeZone'] } },
  statusUpdate: {
    args: [declared, { status: 'x' }, {}],
    fields: { 1: ['status', 'actionsTaken', 'nextSteps', 'eta'], 2: ['at', 'timeZone'] },
  },
  teamsNotifier: { args: [{ webhookUrl: https, fetch: noFetch }], fields: { 0: ['webhookUrl'] } },
  toEpochMs: { args: [T0, 'at'] },
  transitionTable: { args: [] },
  trend: { args: [[1, 2, 3], {}], fields: { 1: ['threshold', 'better'] } },
  unreachable: { args: ['x', 'value'] },
  upcastEvent: { args: [{ type: 'NOTE' }, 1, []] },
  verifyPagerDutySignature: { args: ['{}', 'v1=00', 'secret'] },
  verifyWebhookSignature: { args: ['{}', 't=1,v1=00', 'secret', {}], fields: { 3: ['now', 'toleranceS'] } },
  webhookNotifier: { args: [{ url: https, fetch: noFetch }], fields: { 0: ['url', 'secret', 'headers'] } },
  withErrorContext: {
    args: [new root.IncidentKitError('INTERNAL', 'x', {} as never), { at: 'events[0]' }],
    fields: { 1: ['at', 'incidentId', 'phase'] },
  },
};

/** One way to call an entry point with a fuzzed value. */
export interface Shape {
  readonly label: string;
  readonly call: (input: unknown) => unknown;
}

function place(args: readonly unknown[], index: number, value: unknown): unknown[] {
  const out = [...args];
  out[index] = value;
  return out;
}

/** The shapes of one entry point: each argument position, then each listed field of each argument. */
export function shapesOf(entry: EntryPoint): Shape[] {
  const spec = ARGUMENTS[entry.name] ?? { args: [] };
  const invoke = (args: unknown[]) =>
    spec.construct
      ? Reflect.construct(entry.fn as unknown as new (...a: unknown[]) => unknown, args)
      : entry.fn(...args);
  const positions = Math.max(spec.args.length, entry.fn.length, 1);
  const shapes: Shape[] = [];
  for (let i = 0; i < positions; i++)
    shapes.push({ label: `arg ${i}`, call: (input) => invoke(place(spec.args, i, input)) });
  for (const [index, fields] of Object.entries(spec.fields ?? {})) {
    const i = Number(index);
    for (const field of fields) {
      shapes.push({
        label: `arg ${i}.${field}`,
        call: (input) => {
          const base = spec.args[i];
          const withField = { ...(typeof base === 'object' && base !== null ? base : {}), [field]: input };
          return invoke(place(spec.args, i, withField));
        },
      });
    }
  }
  // No arguments at all (and too many), so arity handling is fuzzed too.
  shapes.push({ label: 'no args', call: () => invoke([]) });
  return shapes;
}
