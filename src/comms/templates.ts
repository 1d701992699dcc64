import { IncidentKitError, type IncidentKitIssue } from '../model/index.js';
import { isPlainObject } from '../model/plain-object.js';
import type { MessageKind, MessageOf } from './message.js';

/**
 * The field keys each kind of message may carry, in display order: the names `{{placeholders}}`
 * and template `labels` may use (besides `time`, and `incidentTitle` for internal kinds).
 *
 * @example
 * ```ts
 * import { MESSAGE_FIELD_KEYS } from 'incidentkit/comms';
 * MESSAGE_FIELD_KEYS['status-update'].includes('nextUpdate'); // true
 * ```
 */
export const MESSAGE_FIELD_KEYS = {
  'initial-notification': [
    'severity',
    'status',
    'impact',
    'services',
    'commander',
    'commsLead',
    'channel',
    'started',
    'detected',
    'nextUpdate',
  ],
  'status-update': [
    'status',
    'severity',
    'phase',
    'impact',
    'actionsTaken',
    'nextSteps',
    'eta',
    'commander',
    'nextUpdate',
  ],
  'resolution-notice': [
    'severity',
    'duration',
    'impactStarted',
    'resolved',
    'timeToMitigate',
    'resolution',
    'postmortem',
    'services',
  ],
  'status-page-update': ['status', 'affectedServices', 'affectedRegions'],
  'postmortem-published': ['severity', 'duration', 'published', 'postmortem', 'actionItems', 'commander'],
  reminder: ['reason', 'due', 'missingRoles', 'severity', 'phase', 'commander'],
  acknowledged: ['acknowledgedBy', 'acknowledged', 'timeToAcknowledge', 'severity', 'phase', 'commander'],
} as const satisfies Record<MessageKind, readonly string[]>;

/**
 * The field keys of one kind of message.
 *
 * @example
 * ```ts
 * import type { MessageFieldKey } from 'incidentkit/comms';
 * const key: MessageFieldKey<'status-update'> = 'eta';
 * ```
 */
export type MessageFieldKey<K extends MessageKind> = (typeof MESSAGE_FIELD_KEYS)[K][number];

/**
 * The values a template can use: every field key of the kind (an empty string when the message
 * has no such field), `time` (the message time, formatted) and, for internal kinds only,
 * `incidentTitle`. All plain text; the renderer escapes whatever the template returns.
 *
 * @example
 * ```ts
 * import type { TemplateVars } from 'incidentkit/comms';
 * const title = (v: TemplateVars<'status-update'>) => `[${v.severity}] ${v.incidentTitle}: ${v.status}`;
 * ```
 */
export type TemplateVars<K extends MessageKind> = {
  readonly [P in
    | MessageFieldKey<K>
    | 'time'
    | (K extends 'status-page-update' ? never : 'incidentTitle')]: string;
};

/**
 * A wording override: a `{{placeholder}}` string (names from {@link TemplateVars}; an unknown one
 * is `INVALID_INPUT`) or a function of the vars and the message as built.
 *
 * @example
 * ```ts
 * import type { TemplateText } from 'incidentkit/comms';
 * const title: TemplateText<'status-update'> = '{{incidentTitle}}: update at {{time}}';
 * ```
 */
export type TemplateText<K extends MessageKind> =
  | string
  | ((vars: TemplateVars<K>, message: MessageOf<K>) => string);

/**
 * Overrides for one builder: `title`, `body` (an empty result removes the body) and field `labels`.
 *
 * @example
 * ```ts
 * import type { MessageTemplate } from 'incidentkit/comms';
 * const t: MessageTemplate<'status-update'> = { labels: { nextUpdate: 'Nächstes Update' } };
 * ```
 */
export interface MessageTemplate<K extends MessageKind> {
  readonly title?: TemplateText<K> | undefined;
  readonly body?: TemplateText<K> | undefined;
  readonly labels?: { readonly [P in MessageFieldKey<K>]?: string | undefined };
}

/**
 * Template overrides per builder, passed as `options.templates` to any builder (each uses its own
 * entry; all entries are validated, so a typo fails on first use).
 *
 * @example
 * ```ts
 * import type { CommsTemplates } from 'incidentkit/comms';
 * const templates: CommsTemplates = {
 *   statusUpdate: { title: '{{severity}} update: {{incidentTitle}}' },
 *   statusPageUpdate: { body: (v) => `Current status: ${v.status}.` },
 * };
 * ```
 */
export interface CommsTemplates {
  readonly initialNotification?: MessageTemplate<'initial-notification'> | undefined;
  readonly statusUpdate?: MessageTemplate<'status-update'> | undefined;
  readonly resolutionNotice?: MessageTemplate<'resolution-notice'> | undefined;
  readonly statusPageUpdate?: MessageTemplate<'status-page-update'> | undefined;
  readonly postmortemPublished?: MessageTemplate<'postmortem-published'> | undefined;
  readonly reminder?: MessageTemplate<'reminder'> | undefined;
  readonly acknowledgement?: MessageTemplate<'acknowledged'> | undefined;
}

const TEMPLATE_KINDS = {
  initialNotification: 'initial-notification',
  statusUpdate: 'status-update',
  resolutionNotice: 'resolution-notice',
  statusPageUpdate: 'status-page-update',
  postmortemPublished: 'postmortem-published',
  reminder: 'reminder',
  acknowledgement: 'acknowledged',
} as const satisfies Record<keyof CommsTemplates, MessageKind>;

const TITLE_MAX = 1_000;
const BODY_MAX = 20_000;

/** A `{{ name }}` template cut into literal text and placeholder names, in order. */
type TemplatePart = string | { readonly name: string };

/**
 * Cuts a template at its `{{ name }}` placeholders (the name trimmed, no braces inside) in one
 * linear pass. (The pattern it replaces, `/\{\{\s*([^{}]*?)\s*\}\}/`, is cubic on `{{`
 * followed by a long run of spaces.) A `{{` that does not open a placeholder stays literal text.
 */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = 0;
  let from = 0;
  for (;;) {
    const open = template.indexOf('{{', from);
    if (open === -1) break;
    let end = open + 2;
    while (end < template.length) {
      const code = template.charCodeAt(end);
      if (code === 0x7b || code === 0x7d) break;
      end++;
    }
    if (template.startsWith('}}', end)) {
      if (open > literal) parts.push(template.slice(literal, open));
      parts.push({ name: template.slice(open + 2, end).trim() });
      literal = end + 2;
      from = literal;
    } else {
      // Not a placeholder here; one may still open at the next `{` (as in `{{{name}}`).
      from = end > open + 2 ? end : open + 1;
    }
  }
  if (literal < template.length) parts.push(template.slice(literal));
  return parts;
}

function fail(path: string, message: string): IncidentKitError {
  const issues: IncidentKitIssue[] = [{ path, message }];
  return new IncidentKitError('INVALID_INPUT', `${path}: ${message}`, { issues });
}

/** The placeholder names a kind accepts. */
export function templateVarNames(kind: MessageKind): readonly string[] {
  const names: string[] = [...MESSAGE_FIELD_KEYS[kind], 'time'];
  if (kind !== 'status-page-update') names.push('incidentTitle');
  return names;
}

function checkPlaceholders(template: string, kind: MessageKind, path: string): void {
  const allowed = templateVarNames(kind);
  const parts = templateParts(template);
  for (const part of parts) {
    if (typeof part === 'string') continue;
    if (!allowed.includes(part.name)) {
      throw fail(
        path,
        `unknown placeholder {{${part.name.slice(0, 40)}}}; ${kind} messages have ${allowed.map((n) => `{{${n}}}`).join(', ')}`,
      );
    }
  }
  // Literal text left with a `{{` (joined, since removing placeholders can bring braces together).
  if (
    parts
      .map((p) => (typeof p === 'string' ? p : ''))
      .join('')
      .includes('{{')
  ) {
    throw fail(path, 'has an unclosed {{ placeholder');
  }
}

function checkTemplateText(value: unknown, kind: MessageKind, path: string, max: number): void {
  if (typeof value === 'function') return;
  if (typeof value !== 'string') throw fail(path, 'expected a string template or a function');
  if (value.length > max) throw fail(path, `must be at most ${max} characters`);
  checkPlaceholders(value, kind, path);
}

/**
 * Validates `options.templates`: known builder names, `title` / `body` strings with known
 * placeholders or functions, `labels` for known field keys.
 */
export function checkTemplates(value: unknown, path: string): CommsTemplates {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw fail(path, 'expected an object of templates per builder');
  for (const [name, template] of Object.entries(value)) {
    const where = `${path}.${name}`;
    if (!Object.hasOwn(TEMPLATE_KINDS, name)) {
      throw fail(where, `unknown builder; expected one of ${Object.keys(TEMPLATE_KINDS).join(', ')}`);
    }
    if (template === undefined) continue;
    const kind = TEMPLATE_KINDS[name as keyof typeof TEMPLATE_KINDS];
    if (!isPlainObject(template)) throw fail(where, 'expected { title?, body?, labels? }');
    for (const [key, part] of Object.entries(template)) {
      if (part === undefined) continue;
      if (key === 'title') checkTemplateText(part, kind, `${where}.title`, TITLE_MAX);
      else if (key === 'body') checkTemplateText(part, kind, `${where}.body`, BODY_MAX);
      else if (key === 'labels') checkLabels(part, kind, `${where}.labels`);
      else throw fail(`${where}.${key}`, 'unknown field; expected title, body or labels');
    }
  }
  return value as CommsTemplates;
}

function checkLabels(value: unknown, kind: MessageKind, path: string): void {
  if (!isPlainObject(value)) throw fail(path, 'expected an object of field key → label');
  const keys: readonly string[] = MESSAGE_FIELD_KEYS[kind];
  for (const [key, label] of Object.entries(value)) {
    if (!keys.includes(key)) {
      throw fail(`${path}.${key}`, `unknown field key; ${kind} messages have ${keys.join(', ')}`);
    }
    if (label === undefined) continue;
    if (typeof label !== 'string' || label.trim() === '' || label.length > 200) {
      throw fail(`${path}.${key}`, 'expected a non-empty label of at most 200 characters');
    }
  }
}

/** The template entry for a kind. */
export function templateFor<K extends MessageKind>(
  templates: CommsTemplates,
  kind: K,
): { template: MessageTemplate<K> | undefined; path: string } {
  for (const [name, k] of Object.entries(TEMPLATE_KINDS)) {
    if (k === kind) {
      return {
        template: templates[name as keyof CommsTemplates] as MessageTemplate<K> | undefined,
        path: `options.templates.${name}`,
      };
    }
  }
  return { template: undefined, path: 'options.templates' };
}

function runTemplate<K extends MessageKind>(
  text: TemplateText<K>,
  vars: TemplateVars<K>,
  message: MessageOf<K>,
  path: string,
  max: number,
): string {
  if (typeof text === 'string') {
    const lookup = vars as unknown as Readonly<Record<string, string>>;
    return templateParts(text)
      .map((part) =>
        typeof part === 'string' ? part : Object.hasOwn(lookup, part.name) ? lookup[part.name] : '',
      )
      .join('');
  }
  let out: unknown;
  try {
    out = text(vars, message);
  } catch (error) {
    throw new IncidentKitError('INVALID_INPUT', `${path}: the template function threw`, {
      issues: [{ path, message: 'the template function threw' }],
      cause: error,
    });
  }
  if (typeof out !== 'string') throw fail(path, 'the template function must return a string');
  if (out.length > max) throw fail(path, `the template function returned more than ${max} characters`);
  return out;
}

/**
 * Applies a kind's template to a built message: labels, then title and body computed from the
 * message's own values. Returns a new message.
 */
export function applyTemplate<K extends MessageKind>(
  kind: K,
  message: MessageOf<K>,
  templates: CommsTemplates,
  extra: { readonly incidentTitle: string; readonly time: string },
): MessageOf<K> {
  const { template, path } = templateFor(templates, kind);
  if (!template) return message;
  const labels = (template.labels ?? {}) as Readonly<Record<string, string | undefined>>;
  const fields = message.fields.map((f) => {
    const label = labels[f.key];
    return label === undefined ? f : { ...f, label };
  });
  const values: Record<string, string> = {};
  for (const key of MESSAGE_FIELD_KEYS[kind]) values[key] = '';
  for (const f of message.fields) values[f.key] = f.value;
  values.time = extra.time;
  if (kind !== 'status-page-update') values.incidentTitle = extra.incidentTitle;
  const vars = Object.freeze(values) as unknown as TemplateVars<K>;
  const withLabels = { ...message, fields } as MessageOf<K>;
  let title = message.title;
  if (template.title !== undefined) {
    title = runTemplate(template.title, vars, withLabels, `${path}.title`, TITLE_MAX);
    if (title.trim() === '') throw fail(`${path}.title`, 'produced an empty title');
  }
  let body = message.body;
  if (template.body !== undefined) {
    const text = runTemplate(template.body, vars, withLabels, `${path}.body`, BODY_MAX);
    body = text.trim() === '' ? undefined : text;
  }
  const out = { ...withLabels, title } as MessageOf<K>;
  if (body === undefined) delete (out as { body?: string | undefined }).body;
  else (out as { body?: string | undefined }).body = body;
  return out;
}
