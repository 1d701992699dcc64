import type { Incident, IncidentEventInput } from '../../model/index.js';
import { parseIncident } from '../../model/index.js';
import { draftPostmortem, renderPostmortem } from '../../postmortem/index.js';
import { usageError } from '../cli-error.js';
import { type Command, onePositional, stringOption } from '../command.js';
import { jsonKind, readJsonFile, replayLogs } from '../load-incidents.js';
import { writeOutput } from '../output.js';
import { htmlDocument } from '../report-page.js';
import { readTimeZoneOption } from '../time-option.js';

function incidentsOf(json: unknown): Incident[] {
  const kind = jsonKind(json);
  if (kind === 'events') {
    const logs = Array.isArray(json) && Array.isArray(json[0]) ? (json as IncidentEventInput[][]) : undefined;
    if (logs) return replayLogs(logs);
    if (Array.isArray(json)) {
      const events = json as IncidentEventInput[];
      const starts = events.filter((e) => e.type === 'DECLARE').length;
      if (starts <= 1) return replayLogs([events]);
      const split: IncidentEventInput[][] = [];
      for (const e of events) {
        if (e.type === 'DECLARE') split.push([]);
        split[split.length - 1]?.push(e);
      }
      return replayLogs(split);
    }
    const object = json as Record<string, unknown>;
    if (Array.isArray(object.events)) return replayLogs([object.events as IncidentEventInput[]]);
    return replayLogs(Object.values(object) as IncidentEventInput[][]);
  }
  if (Array.isArray(json)) return json.map((incident) => parseIncident(incident));
  if (
    typeof json === 'object' &&
    json !== null &&
    Array.isArray((json as { incidents?: unknown }).incidents)
  ) {
    return (json as { incidents: unknown[] }).incidents.map((incident) => parseIncident(incident));
  }
  return [parseIncident(json)];
}

/** `incidentkit postmortem`: a postmortem draft from an incident or its event log. */
export const postmortemCommand: Command = {
  name: 'postmortem',
  summary: 'Draft a postmortem (markdown, HTML or JSON) from an incident or its event log',
  usage: 'postmortem <incident.json> [options]',
  description: [
    'Drafts a postmortem from an incidentkit incident (JSON) or its event log (a list of events starting',
    'with DECLARE, which is replayed): impact with durations, trigger and detection, the timeline with',
    'decisions marked, action items, and prompts for the sections people write.',
  ].join('\n'),
  options: {
    format: {
      type: 'string',
      short: 'f',
      value: 'format',
      choices: ['markdown', 'html', 'json'],
      description: 'Output format (default markdown).',
    },
    id: { type: 'string', value: 'incident', description: 'Which incident, when the file holds several.' },
    'time-zone': {
      type: 'string',
      value: 'zone',
      description: 'Show times in this IANA zone (UTC alongside).',
    },
    out: { type: 'string', short: 'o', value: 'file', description: 'Write to this file instead of stdout.' },
  },
  examples: [
    'incidentkit postmortem inc-42-events.json > postmortem.md',
    'incidentkit postmortem incident.json --format html --out pm.html',
  ],
  async run(parsed, streams) {
    const file = onePositional(parsed, 'incident.json');
    const format = (stringOption(parsed, 'format') ?? 'markdown') as 'markdown' | 'html' | 'json';
    const timeZone = readTimeZoneOption(stringOption(parsed, 'time-zone'));
    const incidents = incidentsOf(await readJsonFile(file));
    const id = stringOption(parsed, 'id');
    const incident = id === undefined ? incidents[0] : incidents.find((i) => i.id === id);
    if (incident === undefined) throw usageError('--id', `${file} holds no incident ${id}`);
    if (id === undefined && incidents.length > 1) {
      throw usageError(
        '--id',
        `${file} holds ${incidents.length} incidents; choose one with --id (${incidents
          .slice(0, 5)
          .map((i) => i.id)
          .join(', ')}…)`,
      );
    }
    const pm = draftPostmortem(incident, { timeZone });
    const rendered = renderPostmortem(pm, format);
    const text =
      format === 'html'
        ? htmlDocument(`Postmortem: ${pm.metadata.title}`, `<main>${rendered}</main>`)
        : rendered;
    await writeOutput(text, stringOption(parsed, 'out'), streams);
    return 0;
  },
};
