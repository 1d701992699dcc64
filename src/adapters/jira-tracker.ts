import * as z from 'zod/mini';
import { escapePlainText } from '../internal/escape.js';
import { parseWith } from '../internal/validate.js';
import { type ActionItem, checkTime, invalidInput } from '../model/index.js';
import { built, lazySchema } from '../model/lazy.js';
import {
  type ActionItemTracker,
  type ExternalRef,
  readCreate,
  readRef,
  readTrackedItem,
  type TrackedStatus,
} from './action-item-tracker.js';
import { httpRequest, readJsonResponse } from './http-delivery.js';
import { HttpUrlSchema, trimTrailingSlashes } from './http-options.js';
import { deliveryFailed } from './http-status.js';
import { queryString } from './query-string.js';
import type { FetchLike } from './web.js';
import { utf8 } from './web-crypto.js';

/**
 * Options of {@link jiraTracker}.
 *
 * @example
 * ```ts
 * import type { JiraTrackerOptions } from 'incidentkit/adapters';
 * const options: JiraTrackerOptions = {
 *   baseUrl: 'https://acme.atlassian.net', email: 'bot@acme.example', apiToken: '…', projectKey: 'OPS',
 * };
 * ```
 */
export interface JiraTrackerOptions {
  /** The site, e.g. `https://acme.atlassian.net` (the REST root is `<baseUrl>/rest/api/3`). */
  readonly baseUrl: string;
  /** The Atlassian account e-mail the API token belongs to (basic auth). */
  readonly email: string;
  readonly apiToken: string;
  /** The project the issues go to (`OPS`). */
  readonly projectKey: string;
  /** Issue type name; default `'Task'`. */
  readonly issueType?: string | undefined;
  /** Labels every issue gets; default `['incident-follow-up']` (Jira labels cannot contain spaces). */
  readonly labels?: readonly string[] | undefined;
  /** Set Jira's `duedate` from the item's `dueAt` (the field must be on the project's screens); default true. */
  readonly dueDate?: boolean | undefined;
  /** Name of the transition (or target status) that completes an issue; default: the first into the `done` category. */
  readonly doneTransition?: string | undefined;
  /** Name of the transition (or target status) for `wontfix`; default: one named like "Won't do" / "Declined", else the done one. */
  readonly wontfixTransition?: string | undefined;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** The clock for rate-limit delays; default `Date.now`. */
  readonly now?: () => number;
}

const name = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    baseUrl: built(HttpUrlSchema),
    email: name(320),
    apiToken: name(1_000),
    projectKey: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'expected a project key such as "OPS"')),
    issueType: z.optional(name(100)),
    labels: z.optional(
      z
        .array(z.string().check(z.regex(/^\S{1,255}$/, 'labels cannot contain spaces')))
        .check(z.maxLength(20)),
    ),
    dueDate: z.optional(z.boolean()),
    doneTransition: z.optional(name(255)),
    wontfixTransition: z.optional(name(255)),
    fetch: z.optional(z.custom<FetchLike>((v) => typeof v === 'function', 'expected a function')),
    timeoutMs: z.optional(z.number().check(z.int(), z.positive())),
    now: z.optional(z.custom<() => number>((v) => typeof v === 'function', 'expected a function')),
  }),
);

// Names the item in the description, so a create whose answer was lost is found again, not repeated.
function marker(incidentId: string, itemId: string): string {
  return `incidentkit: incident ${incidentId}, action item ${itemId}`;
}

const SearchSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    issues: z.array(
      z.looseObject({ key: z.string(), fields: z.optional(z.looseObject({ description: z.unknown() })) }),
    ),
  }),
);

const CreatedSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({ id: z.string(), key: z.string().check(z.minLength(1)) }),
);
const StatusCategorySchema = /*#__PURE__*/ lazySchema(() => z.looseObject({ key: z.string() }));
const IssueSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    key: z.string(),
    fields: z.looseObject({
      status: z.looseObject({ name: z.optional(z.string()), statusCategory: built(StatusCategorySchema) }),
      resolution: z.optional(z.nullable(z.looseObject({ name: z.string() }))),
      resolutiondate: z.optional(z.nullable(z.string())),
    }),
  }),
);
const TransitionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    transitions: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        to: z.looseObject({ name: z.optional(z.string()), statusCategory: built(StatusCategorySchema) }),
      }),
    ),
  }),
);
type Transition = z.output<typeof TransitionsSchema>['transitions'][number];

// Resolutions and transitions that mean "decided against" rather than "done".
const WONTFIX = /won'?t|not planned|declin|reject|duplicate|cannot reproduce|obsolete|cancel/i;

// Atlassian Document Format: a `doc` of paragraphs and a bullet list of plain text nodes, so nothing
// in user text can become a mention, link or macro (those are their own node types in ADF).
type AdfText = { type: 'text'; text: string; marks?: { type: 'strong' }[] };
type AdfNode =
  | { type: 'paragraph'; content: AdfText[] }
  | {
      type: 'bulletList';
      content: { type: 'listItem'; content: { type: 'paragraph'; content: AdfText[] }[] }[];
    };

function plain(text: string): string {
  return escapePlainText(text).replace(/\s+/g, ' ').trim();
}

function description(item: ActionItem, context: { incidentId: string; incidentTitle: string }) {
  const facts: [string, string][] = [];
  if (item.owner !== undefined) facts.push(['Owner', plain(item.owner)]);
  if (item.dueAt !== undefined) facts.push(['Due', new Date(item.dueAt).toISOString().slice(0, 10)]);
  if (item.kind !== undefined) facts.push(['Kind', item.kind]);
  const content: AdfNode[] = [
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: `Follow-up from incident ${plain(context.incidentId)}: ${plain(context.incidentTitle) || '(untitled)'}`,
        },
      ],
    },
  ];
  if (facts.length > 0)
    content.push({
      type: 'bulletList',
      content: facts.map(([label, value]) => ({
        type: 'listItem',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: `${label}: `, marks: [{ type: 'strong' }] },
              { type: 'text', text: value || '-' },
            ],
          },
        ],
      })),
    });
  content.push({
    type: 'paragraph',
    content: [{ type: 'text', text: marker(context.incidentId, item.id) }],
  });
  return { type: 'doc', version: 1, content };
}

// Jira's summary is one line of at most 255 characters.
function summary(item: ActionItem): string {
  const text = plain(item.title) || item.id;
  return text.length <= 255 ? text : `${text.slice(0, 254)}…`;
}

// Jira writes offsets without a colon (`+0000`); ISO-8601 with one is what the model parses.
function jiraTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const result = checkTime(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return result.ok ? result.ms : undefined;
}

function matches(t: Transition, wanted: string): boolean {
  const w = wanted.toLowerCase();
  return t.name.toLowerCase() === w || t.to.name?.toLowerCase() === w;
}

function pickTransition(
  transitions: readonly Transition[],
  status: ActionItem['status'],
  names: { done?: string | undefined; wontfix?: string | undefined },
): Transition | undefined {
  const done = transitions.filter((t) => t.to.statusCategory.key === 'done');
  switch (status) {
    case 'open':
      return (
        transitions.find((t) => t.to.statusCategory.key === 'new') ??
        transitions.find((t) => t.to.statusCategory.key !== 'done')
      );
    case 'done':
      return names.done !== undefined
        ? transitions.find((t) => matches(t, names.done!))
        : (done.find((t) => !WONTFIX.test(`${t.name} ${t.to.name ?? ''}`)) ?? done[0]);
    case 'wontfix':
      return names.wontfix !== undefined
        ? transitions.find((t) => matches(t, names.wontfix!))
        : (done.find((t) => WONTFIX.test(`${t.name} ${t.to.name ?? ''}`)) ?? done[0]);
    default: {
      const never: never = status;
      return never;
    }
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Base64 of the UTF-8 bytes, written out so the adapter needs neither `btoa` nor `Buffer`.
function base64(text: string): string {
  const bytes = utf8(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64[n & 63]!;
  }
  return out;
}

/**
 * Follow-ups as Jira issues (Jira Cloud REST API v3): `create` makes an issue in the project with
 * an Atlassian Document Format description naming the incident, owner, due date and kind (plain
 * text nodes only: no mention, link or macro can come from user text), labels and `duedate`, after
 * a JQL search for one a lost answer left behind (best effort: Jira's search is eventually consistent);
 * `update` changes the summary and due date and moves the issue with a transition when its status
 * category disagrees with the item (`done` / `wontfix` → a transition into the `done` category, the
 * wontfix one preferring names like "Won't do"; `open` → back to `new`); `status` reads the status
 * category and resolution (`Won't Do`, `Declined`, `Duplicate`… → `wontfix`) with `resolutiondate`.
 * Refs are `{ tracker: 'jira', key: 'OPS-12', url: '<baseUrl>/browse/OPS-12' }`. Failures are
 * `DELIVERY_FAILED`: 400, 401, 403 and 404 are `permanent`; 429 and 5xx are retried
 * (`Retry-After` honoured).
 *
 * @param options - Site, credentials, project, and the `fetch` and workflow overrides.
 * @returns An {@link ActionItemTracker} named `jira`.
 * @throws IncidentKitError `INVALID_INPUT` for malformed options.
 *
 * @example
 * ```ts
 * import { jiraTracker } from 'incidentkit/adapters';
 * const tracker = jiraTracker({
 *   baseUrl: 'https://acme.atlassian.net', email: 'bot@acme.example', apiToken: 'token', projectKey: 'OPS',
 * });
 * tracker.name; // 'jira'
 * ```
 */
export function jiraTracker(options: JiraTrackerOptions): ActionItemTracker {
  const o = parseWith(OptionsSchema, options, 'options');
  const site = trimTrailingSlashes(o.baseUrl);
  const api = `${site}/rest/api/3`;
  const labels = o.labels ?? ['incident-follow-up'];
  const headers = {
    accept: 'application/json',
    authorization: `Basic ${base64(`${o.email}:${o.apiToken}`)}`,
  };
  const call = (url: string, init: CallInit = {}) =>
    httpRequest(url, {
      target: 'jira',
      method: init.method ?? 'GET',
      ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
      ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
      ...(o.now === undefined ? {} : { now: o.now() }),
      headers: init.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  const issueKey = (value: ExternalRef): string => {
    const ref = readRef(value);
    if (ref.tracker !== 'jira' || !/^[A-Z][A-Z0-9_]{0,49}-\d{1,20}$/.test(ref.key))
      throw invalidInput('ref.key', 'expected a Jira issue key such as "OPS-12"');
    return ref.key;
  };
  const readIssue = async (key: string) =>
    readJsonResponse(
      await call(`${api}/issue/${key}?fields=status,resolution,resolutiondate`),
      IssueSchema,
      'jira',
    );

  return {
    name: 'jira',
    async create(itemInput, contextInput) {
      const { item, context } = readCreate(itemInput, contextInput);
      // A create that reached Jira but whose answer was lost left an issue behind: this project's
      // issues of the last two days are checked for the item's marker. Jira's search is eventually
      // consistent, so an issue created seconds ago may not show yet; a later round finds it.
      const jql = `project = "${o.projectKey}" AND created >= -2d ORDER BY created DESC`;
      const query = queryString({ jql, fields: 'description', maxResults: '50' });
      const found = readJsonResponse(await call(`${api}/search/jql?${query}`), SearchSchema, 'jira');
      const mark = marker(context.incidentId, item.id);
      const existing = found.issues.find((issue) =>
        JSON.stringify(issue.fields?.description ?? null).includes(JSON.stringify(mark)),
      );
      if (existing !== undefined)
        return { tracker: 'jira', key: existing.key, url: `${site}/browse/${existing.key}` };
      const fields: Record<string, unknown> = {
        project: { key: o.projectKey },
        issuetype: { name: o.issueType ?? 'Task' },
        summary: summary(item),
        description: description(item, context),
        labels,
      };
      if (o.dueDate !== false && item.dueAt !== undefined)
        fields.duedate = new Date(item.dueAt).toISOString().slice(0, 10);
      const created = readJsonResponse(
        await call(`${api}/issue`, { method: 'POST', body: { fields } }),
        CreatedSchema,
        'jira',
      );
      return { tracker: 'jira', key: created.key, url: `${site}/browse/${created.key}` };
    },
    async update(ref, itemInput) {
      const key = issueKey(ref);
      const item = readTrackedItem(itemInput);
      const fields: Record<string, unknown> = { summary: summary(item) };
      if (o.dueDate !== false)
        fields.duedate = item.dueAt === undefined ? null : new Date(item.dueAt).toISOString().slice(0, 10);
      await call(`${api}/issue/${key}`, { method: 'PUT', body: { fields } });
      const issue = await readIssue(key);
      const isDone = issue.fields.status.statusCategory.key === 'done';
      if (isDone === (item.status !== 'open')) return;
      const { transitions } = readJsonResponse(
        await call(`${api}/issue/${key}/transitions`),
        TransitionsSchema,
        'jira',
      );
      const transition = pickTransition(transitions, item.status, {
        done: o.doneTransition,
        wontfix: o.wontfixTransition,
      });
      if (!transition)
        throw deliveryFailed(
          `jira: ${key} has no transition to ${item.status === 'open' ? 'reopen it' : `mark it ${item.status}`} from "${issue.fields.status.name ?? '?'}"`,
          { target: 'jira', permanent: true },
        );
      await call(`${api}/issue/${key}/transitions`, {
        method: 'POST',
        body: { transition: { id: transition.id } },
      });
    },
    async status(ref): Promise<TrackedStatus> {
      const issue = await readIssue(issueKey(ref));
      if (issue.fields.status.statusCategory.key !== 'done') return { status: 'open' };
      const status = WONTFIX.test(issue.fields.resolution?.name ?? '') ? 'wontfix' : 'done';
      const completedAt = jiraTime(issue.fields.resolutiondate);
      return completedAt === undefined ? { status } : { status, completedAt };
    },
  };
}

interface CallInit {
  readonly method?: string | undefined;
  readonly body?: unknown;
}
