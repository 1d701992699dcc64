// Jira Cloud REST API v3 as developer.atlassian.com/cloud/jira/platform/rest/v3 describes it:
// POST /issue (201 { id, key, self }; 400 { errorMessages, errors }), PUT /issue/{key} (204),
// GET /issue/{key}?fields=… , GET/POST /issue/{key}/transitions (200 / 204), basic auth with an
// API token (401 otherwise). The description must be an Atlassian Document Format `doc`.
import type { RecordedRequest, Reply } from './vendor-server.js';

interface Status {
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}
export interface JiraIssue {
  key: string;
  fields: Record<string, unknown>;
  status: Status;
  resolution: string | null;
  resolutiondate: string | null;
}

const TO_DO: Status = { name: 'To Do', category: 'new' };
const IN_PROGRESS: Status = { name: 'In Progress', category: 'indeterminate' };
const DONE: Status = { name: 'Done', category: 'done' };
const CLOSED: Status = { name: 'Closed', category: 'done' };

const WORKFLOW: Record<string, { id: string; name: string; to: Status; resolution: string | null }[]> = {
  'To Do': [
    { id: '11', name: 'Start progress', to: IN_PROGRESS, resolution: null },
    { id: '31', name: 'Done', to: DONE, resolution: 'Done' },
    { id: '41', name: "Won't do", to: CLOSED, resolution: "Won't Do" },
  ],
  'In Progress': [
    { id: '31', name: 'Done', to: DONE, resolution: 'Done' },
    { id: '41', name: "Won't do", to: CLOSED, resolution: "Won't Do" },
  ],
  Done: [{ id: '51', name: 'Reopen', to: TO_DO, resolution: null }],
  Closed: [{ id: '51', name: 'Reopen', to: TO_DO, resolution: null }],
};

const ADF_BLOCKS = new Set(['paragraph', 'bulletList', 'orderedList', 'listItem', 'heading', 'codeBlock']);

/** Checks the ADF subset the tracker may send: block nodes with content, non-empty text nodes. */
export function adfProblems(node: unknown, path = 'description'): string[] {
  if (!node || typeof node !== 'object') return [`${path}: not a node`];
  const n = node as { type?: unknown; version?: unknown; content?: unknown; text?: unknown; marks?: unknown };
  if (path === 'description' && (n.type !== 'doc' || n.version !== 1))
    return [`${path}: expected a version 1 doc`];
  if (n.type === 'text') {
    if (typeof n.text !== 'string' || n.text === '') return [`${path}: text nodes need non-empty text`];
    return [];
  }
  if (path !== 'description' && !ADF_BLOCKS.has(String(n.type)))
    return [`${path}: node type ${String(n.type)} not allowed`];
  if (!Array.isArray(n.content)) return [`${path}: content must be an array`];
  return n.content.flatMap((child, i) => adfProblems(child, `${path}.content[${i}]`));
}

export function jiraApi(options: { email: string; token: string; project: string; now: () => number }) {
  const issues = new Map<string, JiraIssue>();
  const auth = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;
  const bad = (errors: Record<string, string>): Reply => ({
    status: 400,
    body: { errorMessages: [], errors },
  });
  const handler = (req: RecordedRequest): Reply => {
    if (req.headers.authorization !== auth)
      return { status: 401, body: 'Client must be authenticated to access this resource.' };
    const url = new URL(req.path, 'http://jira.local');
    if (url.pathname === '/rest/api/3/search/jql' && req.method === 'GET') {
      // Enhanced JQL search: only the clauses the tracker sends are understood.
      const jql = url.searchParams.get('jql') ?? '';
      const project = /project = "([A-Z0-9_]+)"/.exec(jql)?.[1];
      if (project === undefined) return bad({ jql: 'The JQL query is not valid' });
      const max = Number(url.searchParams.get('maxResults') ?? 50);
      const found = [...issues.values()]
        .filter((i) => i.key.startsWith(`${project}-`))
        .reverse()
        .slice(0, max)
        .map((i) => ({ id: i.key, key: i.key, fields: { description: i.fields.description } }));
      return { status: 200, body: { issues: found, isLast: true } };
    }
    const match = /^\/rest\/api\/3\/issue(?:\/([A-Z]+-\d+))?(\/transitions)?$/.exec(url.pathname);
    if (!match) return { status: 404, body: { errorMessages: ['Not found'], errors: {} } };
    const [, key, transitions] = match;
    if (!key && req.method === 'POST') {
      const { fields } = JSON.parse(req.body) as { fields: Record<string, unknown> };
      const project = fields.project as { key?: string } | undefined;
      if (project?.key !== options.project) return bad({ project: 'valid project is required' });
      if (typeof fields.summary !== 'string' || fields.summary === '' || fields.summary.length > 255)
        return bad({ summary: 'You must specify a summary of the issue.' });
      if ((fields.issuetype as { name?: string } | undefined)?.name !== 'Task')
        return bad({ issuetype: 'Specify an issue type' });
      const problems = adfProblems(fields.description);
      if (problems.length > 0)
        return bad({ description: `Operation value must be an Atlassian Document (${problems[0]})` });
      if (fields.duedate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(fields.duedate)))
        return bad({ duedate: 'Error parsing date string' });
      const newKey = `${options.project}-${issues.size + 1}`;
      issues.set(newKey, { key: newKey, fields, status: TO_DO, resolution: null, resolutiondate: null });
      return {
        status: 201,
        body: {
          id: String(10000 + issues.size),
          key: newKey,
          self: `http://jira.local/rest/api/3/issue/${newKey}`,
        },
      };
    }
    const issue = key ? issues.get(key) : undefined;
    if (!issue)
      return {
        status: 404,
        body: {
          errorMessages: ['Issue does not exist or you do not have permission to see it.'],
          errors: {},
        },
      };
    if (!transitions && req.method === 'GET')
      return {
        status: 200,
        body: {
          id: '10001',
          key: issue.key,
          fields: {
            status: { name: issue.status.name, statusCategory: { key: issue.status.category } },
            resolution: issue.resolution === null ? null : { name: issue.resolution },
            resolutiondate: issue.resolutiondate,
          },
        },
      };
    if (!transitions && req.method === 'PUT') {
      const { fields } = JSON.parse(req.body) as { fields: Record<string, unknown> };
      Object.assign(issue.fields, fields);
      return { status: 204 };
    }
    const available = WORKFLOW[issue.status.name] ?? [];
    if (transitions && req.method === 'GET')
      return {
        status: 200,
        body: {
          transitions: available.map((t) => ({
            id: t.id,
            name: t.name,
            to: { name: t.to.name, statusCategory: { key: t.to.category } },
          })),
        },
      };
    if (transitions && req.method === 'POST') {
      const { transition } = JSON.parse(req.body) as { transition: { id: string } };
      const chosen = available.find((t) => t.id === transition.id);
      if (!chosen)
        return {
          status: 400,
          body: { errorMessages: ['Transition id is not valid for this issue.'], errors: {} },
        };
      issue.status = chosen.to;
      issue.resolution = chosen.resolution;
      issue.resolutiondate = chosen.resolution
        ? new Date(options.now()).toISOString().replace('Z', '+0000')
        : null;
      return { status: 204 };
    }
    return { status: 405, body: '' };
  };
  return { issues, handler };
}
