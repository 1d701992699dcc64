import * as z from 'zod/mini';
import { escapeMarkdown, escapePlainText } from '../internal/escape.js';
import { parseWith } from '../internal/validate.js';
import { type ActionItem, checkTime, invalidInput, isIncidentKitError } from '../model/index.js';
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
import type { FetchLike, FetchResponseLike } from './web.js';

/**
 * Options of {@link githubIssuesTracker}.
 *
 * @example
 * ```ts
 * import type { GitHubIssuesTrackerOptions } from 'incidentkit/adapters';
 * const options: GitHubIssuesTrackerOptions = { repo: 'acme/platform', token: 'ghp_…' };
 * ```
 */
export interface GitHubIssuesTrackerOptions {
  /** `owner/name` of the repository the issues go to. */
  readonly repo: string;
  /** A fine-grained token with Issues: read and write (or a classic token with `repo`). */
  readonly token: string;
  /** REST API root; default `https://api.github.com` (GitHub Enterprise: `https://host/api/v3`). */
  readonly baseUrl?: string | undefined;
  /** Labels every issue gets (created by GitHub when missing); default `['incident-follow-up']`. */
  readonly labels?: readonly string[] | undefined;
  /** The `fetch` to use; default the global one. */
  readonly fetch?: FetchLike | undefined;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** The clock used to turn `x-ratelimit-reset` into a delay; default `Date.now`. */
  readonly now?: () => number;
}

const OptionsSchema = /*#__PURE__*/ lazySchema(() =>
  z.strictObject({
    repo: z.string().check(z.regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected "owner/name"')),
    token: z.string().check(z.minLength(1)),
    baseUrl: z.optional(built(HttpUrlSchema)),
    labels: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(20))),
    fetch: z.optional(z.custom<FetchLike>((v) => typeof v === 'function', 'expected a function')),
    timeoutMs: z.optional(z.number().check(z.int(), z.positive())),
    now: z.optional(z.custom<() => number>((v) => typeof v === 'function', 'expected a function')),
  }),
);

// The fields of GitHub's issue object that sync reads.
const IssueSchema = /*#__PURE__*/ lazySchema(() =>
  z.looseObject({
    number: z.number().check(z.int(), z.positive()),
    html_url: z.optional(z.string()),
    state: z.enum(['open', 'closed']),
    state_reason: z.optional(z.nullable(z.string())),
    closed_at: z.optional(z.nullable(z.string())),
    body: z.optional(z.nullable(z.string())),
  }),
);

const RecentSchema = /*#__PURE__*/ lazySchema(() =>
  z.array(
    z.looseObject({
      number: z.number().check(z.int(), z.positive()),
      html_url: z.optional(z.string()),
      body: z.optional(z.nullable(z.string())),
      pull_request: z.optional(z.unknown()),
    }),
  ),
);

const DETAILS_START = '<!-- incidentkit:details -->';
const DETAILS_END = '<!-- /incidentkit:details -->';

function dueDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// The part of the body `update` rewrites (owner, due date, kind, status); the rest is left to humans.
function details(item: ActionItem): string {
  const lines = [
    item.owner === undefined ? undefined : `- **Owner:** ${escapeMarkdown(item.owner, { inline: true })}`,
    item.dueAt === undefined ? undefined : `- **Due:** ${dueDate(item.dueAt)}`,
    item.kind === undefined ? undefined : `- **Kind:** ${item.kind}`,
    `- **Status in the incident:** ${item.status}`,
  ].filter((line) => line !== undefined);
  return `${DETAILS_START}\n${lines.join('\n')}\n${DETAILS_END}`;
}

function issueBody(item: ActionItem, context: { incidentId: string; incidentTitle: string }): string {
  const incident = `${escapeMarkdown(context.incidentId, { inline: true })}: ${escapeMarkdown(context.incidentTitle, { inline: true })}`;
  return [
    `Follow-up from incident ${incident}.`,
    '',
    details(item),
    '',
    marker(context.incidentId, item.id),
  ].join('\n');
}

// Names the item in the issue body (hidden when rendered), so a create whose answer was lost is
// found again instead of repeated.
function marker(incidentId: string, itemId: string): string {
  return `<!-- incidentkit incident=${incidentId} action-item=${itemId} -->`;
}

function withDetails(body: string, item: ActionItem): string {
  const start = body.indexOf(DETAILS_START);
  const end = body.indexOf(DETAILS_END);
  if (start === -1 || end < start) return body;
  return body.slice(0, start) + details(item) + body.slice(end + DETAILS_END.length);
}

// Issue titles are plain text (GitHub renders no markdown and no mentions there), bounded at 256.
function issueTitle(item: ActionItem): string {
  const title = escapePlainText(item.title).replace(/\s+/g, ' ').trim();
  return title.length <= 256 ? title : `${title.slice(0, 255)}…`;
}

function stateOf(item: ActionItem): { state: 'open' | 'closed'; state_reason?: string | undefined } {
  switch (item.status) {
    case 'open':
      return { state: 'open' };
    case 'done':
      return { state: 'closed', state_reason: 'completed' };
    case 'wontfix':
      return { state: 'closed', state_reason: 'not_planned' };
    default: {
      const never: never = item.status;
      return never;
    }
  }
}

/**
 * Follow-ups as GitHub issues (REST API, `2022-11-28`): `create` opens an issue with labels and a
 * body naming the incident, owner and due date (after checking the newest issues for one a lost
 * answer left behind, so a retried create opens no second issue); `update` changes the title and those details and
 * opens or closes the issue (`done` → closed as `completed`, `wontfix` → closed as `not_planned`);
 * `status` reads it back (closed as `not_planned` or `duplicate` → `wontfix`, other closes →
 * `done` at `closed_at`). Refs are `{ tracker: 'github', key: 'owner/name#123', url }`. Failures are
 * `DELIVERY_FAILED`: 401, 404, 410 and 422 are `permanent`; 429, 5xx and a 403 with the rate limit
 * exhausted carry `retryAfterMs` from `Retry-After` / `x-ratelimit-reset`.
 *
 * @param options - Repository, token, and the URL, `fetch` and label overrides.
 * @returns An {@link ActionItemTracker} named `github`.
 * @throws IncidentKitError `INVALID_INPUT` for malformed options.
 *
 * @example
 * ```ts
 * import { githubIssuesTracker } from 'incidentkit/adapters';
 * const tracker = githubIssuesTracker({ repo: 'acme/platform', token: 'ghp_example' });
 * tracker.name; // 'github'
 * ```
 */
export function githubIssuesTracker(options: GitHubIssuesTrackerOptions): ActionItemTracker {
  const o = parseWith(OptionsSchema, options, 'options');
  const root = trimTrailingSlashes(o.baseUrl ?? 'https://api.github.com');
  const labels = o.labels ?? ['incident-follow-up'];
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${o.token}`,
    'x-github-api-version': '2022-11-28',
    'user-agent': 'incidentkit',
  };
  const call = async (url: string, init: CallInit = {}) => {
    const limited = { hit: false };
    try {
      return await httpRequest(url, {
        target: 'github',
        method: init.method ?? 'GET',
        fetch: rateLimitAware(o.fetch, o.now, limited),
        ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
        ...(o.now === undefined ? {} : { now: o.now() }),
        headers: init.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (error) {
      if (!limited.hit || !isIncidentKitError(error, 'DELIVERY_FAILED')) throw error;
      const { retryAfterMs } = error.details;
      throw deliveryFailed('github answered 403: API rate limit exhausted', {
        target: 'github',
        status: 403,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        cause: error,
      });
    }
  };

  const issueUrl = (value: ExternalRef): string => {
    const ref = readRef(value);
    // `owner/name#123`: split at the last `#` (a repository name has none), no pattern to backtrack.
    const hash = ref.key.lastIndexOf('#');
    const number = ref.key.slice(hash + 1);
    if (
      ref.tracker !== 'github' ||
      hash < 0 ||
      ref.key.slice(0, hash) !== o.repo ||
      !/^\d{1,20}$/.test(number)
    )
      throw invalidInput('ref.key', `expected "${o.repo}#<number>"`);
    return `${root}/repos/${o.repo}/issues/${number}`;
  };
  const readIssue = async (url: string, init?: CallInit) =>
    readJsonResponse(await call(url, init), IssueSchema, 'github');

  return {
    name: 'github',
    async create(itemInput, contextInput) {
      const { item, context } = readCreate(itemInput, contextInput);
      const toRef = (issue: { number: number; html_url?: string | undefined }): ExternalRef => {
        const ref: ExternalRef = { tracker: 'github', key: `${o.repo}#${issue.number}` };
        return issue.html_url ? { ...ref, url: issue.html_url } : ref;
      };
      // A create that reached GitHub but whose answer was lost (a timeout) left an issue behind:
      // the newest issues (a consistent listing, unlike search) are checked for this item's marker.
      const query = queryString({
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: '50',
        labels: labels[0],
      });
      const recent = readJsonResponse(
        await call(`${root}/repos/${o.repo}/issues?${query}`),
        RecentSchema,
        'github',
      );
      const mark = marker(context.incidentId, item.id);
      const existing = recent.find((issue) => issue.pull_request == null && issue.body?.includes(mark));
      if (existing !== undefined) return toRef(existing);
      const kindLabel = item.kind === undefined ? [] : [`kind:${item.kind}`];
      const issue = await readIssue(`${root}/repos/${o.repo}/issues`, {
        method: 'POST',
        body: { title: issueTitle(item), body: issueBody(item, context), labels: [...labels, ...kindLabel] },
      });
      return toRef(issue);
    },
    async update(ref, itemInput) {
      const url = issueUrl(ref);
      const item = readTrackedItem(itemInput);
      const current = await readIssue(url);
      await call(url, {
        method: 'PATCH',
        body: { title: issueTitle(item), body: withDetails(current.body ?? '', item), ...stateOf(item) },
      });
    },
    async status(ref): Promise<TrackedStatus> {
      const issue = await readIssue(issueUrl(ref));
      if (issue.state === 'open') return { status: 'open' };
      const status =
        issue.state_reason === 'not_planned' || issue.state_reason === 'duplicate' ? 'wontfix' : 'done';
      const closed = issue.closed_at ? checkTime(issue.closed_at) : undefined;
      return closed?.ok ? { status, completedAt: closed.ms } : { status };
    },
  };
}

interface CallInit {
  readonly method?: string | undefined;
  readonly body?: unknown;
}

/**
 * GitHub answers an exhausted primary rate limit with 403 and `x-ratelimit-remaining: 0`, naming
 * the reset time (epoch seconds) in `x-ratelimit-reset`. Shown to the shared HTTP path as the 429
 * with `Retry-After` it means, so it is retried at the reset instead of dead-lettered.
 */
function rateLimitAware(
  fetch: FetchLike | undefined,
  now: (() => number) | undefined,
  limited: { hit: boolean },
): FetchLike {
  return async (url, init) => {
    const f = fetch ?? (globalThis as { fetch?: FetchLike | undefined }).fetch;
    if (f === undefined)
      throw deliveryFailed('github: this runtime has no global fetch; pass `fetch`', { permanent: true });
    const response = await f(url, init);
    if (response.status !== 403 || response.headers.get('x-ratelimit-remaining') !== '0') return response;
    limited.hit = true;
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    const reference = now?.() ?? Date.parse(response.headers.get('date') ?? '');
    const delayS =
      Number.isFinite(reset) && Number.isFinite(reference)
        ? Math.max(0, Math.ceil(reset - reference / 1000))
        : undefined;
    const headers: FetchResponseLike['headers'] = {
      get: (name) =>
        name.toLowerCase() === 'retry-after'
          ? (response.headers.get('retry-after') ?? (delayS === undefined ? null : String(delayS)))
          : response.headers.get(name),
    };
    return { status: 429, ok: false, headers, text: () => response.text() };
  };
}
