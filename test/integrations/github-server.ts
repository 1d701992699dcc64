// GitHub's REST issues endpoints as docs.github.com/en/rest/issues/issues (API version 2022-11-28)
// describes them: create (201), get (200), update (200); 401 Bad credentials; 404 Not Found;
// 422 Validation Failed; closing sets `closed_at` and `state_reason`, reopening clears them.
import type { RecordedRequest, Reply } from './vendor-server.js';

export interface GitHubIssue {
  number: number;
  title: string;
  body: string | null;
  labels: { name: string }[];
  state: 'open' | 'closed';
  state_reason: string | null;
  closed_at: string | null;
  html_url: string;
}

export function githubApi(options: { repo: string; token: string; now: () => number }) {
  const issues = new Map<number, GitHubIssue>();
  const prefix = `/repos/${options.repo}/issues`;
  const handler = (req: RecordedRequest): Reply => {
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
      };
    if (!req.path.startsWith(prefix)) return { status: 404, body: { message: 'Not Found' } };
    const rest = req.path.slice(prefix.length);
    if (rest === '' && req.method === 'POST') {
      const input = JSON.parse(req.body) as { title?: unknown; body?: string; labels?: string[] };
      if (typeof input.title !== 'string' || input.title === '')
        return {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
          },
        };
      const number = issues.size + 1;
      const issue: GitHubIssue = {
        number,
        title: input.title,
        body: input.body ?? null,
        labels: (input.labels ?? []).map((name) => ({ name })),
        state: 'open',
        state_reason: null,
        closed_at: null,
        html_url: `https://github.com/${options.repo}/issues/${number}`,
      };
      issues.set(number, issue);
      return { status: 201, headers: { location: `https://api.github.com${prefix}/${number}` }, body: issue };
    }
    if ((rest === '' || rest.startsWith('?')) && req.method === 'GET') {
      // List repository issues: newest first when sort=created&direction=desc, filtered by label.
      const query = new URLSearchParams(rest.slice(1));
      const label = query.get('labels');
      const list = [...issues.values()]
        .filter((i) => label === null || i.labels.some((l) => l.name === label))
        .sort((a, b) => (query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number))
        .slice(0, Number(query.get('per_page') ?? 30));
      return { status: 200, body: list };
    }
    const issue = issues.get(Number(rest.slice(1)));
    if (!issue) return { status: 404, body: { message: 'Not Found' } };
    if (req.method === 'GET') return { status: 200, body: issue };
    if (req.method === 'PATCH') {
      const input = JSON.parse(req.body) as Partial<GitHubIssue> & { state_reason?: string };
      if (input.title !== undefined) issue.title = input.title;
      if (input.body !== undefined) issue.body = input.body;
      if (input.state !== undefined && input.state !== issue.state) {
        issue.state = input.state;
        if (input.state === 'closed') {
          issue.closed_at = new Date(options.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
          issue.state_reason = input.state_reason ?? 'completed';
        } else {
          issue.closed_at = null;
          issue.state_reason = 'reopened';
        }
      }
      return { status: 200, body: issue };
    }
    return { status: 404, body: { message: 'Not Found' } };
  };
  return { issues, handler };
}
