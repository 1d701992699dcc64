import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { OnCallPage } from '../metrics/index.js';
import { checkTime } from '../model/time.js';
import { usageError } from './cli-error.js';

const RESPONDER = [
  'responder',
  'user',
  'user_name',
  'username',
  'name',
  'email',
  'assignee',
  'on_call',
  'oncall',
];
const AT = ['at', 'time', 'timestamp', 'created_at', 'paged_at', 'notified_at', 'sent_at'];
const INCIDENT = ['incidentId', 'incident_id', 'incident', 'incident_number'];

function pick(row: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) {
    for (const key of Object.keys(row)) if (key.toLowerCase() === name.toLowerCase()) return row[key];
  }
  return undefined;
}

/**
 * Reads on-call pages for the on-call load figure: a JSON list of `{ responder, at, incidentId? }`
 * or a CSV with a responder column (`responder`, `user`, `email`…) and a time column (`at`,
 * `created_at`, `timestamp`…). A row without both is a usage error naming its line.
 */
export async function loadPages(file: string): Promise<OnCallPage[]> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    throw usageError('--pages', `${file} not found`);
  }
  let rows: Record<string, unknown>[];
  const json = /^\s*[[{]/.test(text);
  try {
    const parsed: unknown = json
      ? JSON.parse(text)
      : parse(text, { columns: true, skip_empty_lines: true, bom: true });
    const list = Array.isArray(parsed) ? parsed : (parsed as { pages?: unknown })?.pages;
    if (!Array.isArray(list)) throw usageError('--pages', `${file} is not a list of pages`);
    rows = list as Record<string, unknown>[];
  } catch (error) {
    if ((error as { code?: string | undefined }).code === 'INVALID_INPUT') throw error;
    throw usageError('--pages', `${file} cannot be read: ${(error as Error).message}`);
  }
  return rows.map((row, i) => {
    const where = json ? `entry ${i}` : `line ${i + 2}`;
    const responder = typeof row === 'object' && row !== null ? pick(row, RESPONDER) : undefined;
    const at = typeof row === 'object' && row !== null ? pick(row, AT) : undefined;
    if (typeof responder !== 'string' || responder.trim() === '') {
      throw usageError(
        '--pages',
        `${file} ${where}: no responder (a column named ${RESPONDER.slice(0, 4).join(', ')}…)`,
      );
    }
    const time = checkTime(typeof at === 'string' && /^\d+$/.test(at) ? Number(at) : at);
    if (!time.ok)
      throw usageError(
        '--pages',
        `${file} ${where}: the time ${JSON.stringify(at)} is not readable (${time.message})`,
      );
    const incidentId = pick(row, INCIDENT);
    return {
      responder: responder.trim().slice(0, 100),
      at: time.ms,
      ...(typeof incidentId === 'string' && incidentId !== '' && { incidentId }),
    };
  });
}
