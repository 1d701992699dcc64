import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportedIncident, ImportResult } from '../../src/importers/index.js';

const dir = join(import.meta.dirname, '../fixtures/importers');

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** Epoch ms of an ISO time with offset. */
export const ms = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad time in a test: ${iso}`);
  return t;
};

/** The incident with this id (fails the test when absent). */
export function byId(result: ImportResult, id: string): ImportedIncident {
  const incident = result.incidents.find((i) => i.id === id);
  if (incident === undefined)
    throw new Error(`no incident ${id}; have ${result.incidents.map((i) => i.id).join(', ')}`);
  return incident;
}

/** The warning for this field whose message contains `text`. */
export function warningOf(result: { warnings: ImportResult['warnings'] }, field: string, text = '') {
  return result.warnings.find((w) => w.field === field && w.message.includes(text));
}
