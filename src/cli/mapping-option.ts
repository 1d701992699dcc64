import { readFile } from 'node:fs/promises';
import { CSV_MAPPING_FIELDS, type CsvMapping } from '../importers/index.js';
import { usageError } from './cli-error.js';

/** `a=b,c=d` pairs, inline JSON, or a JSON file: an object of strings. */
async function readPairs(text: string, option: string): Promise<Record<string, string>> {
  const trimmed = text.trim();
  let value: unknown;
  if (trimmed.startsWith('{')) {
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw usageError(option, `is not valid JSON (${(error as Error).message})`);
    }
  } else if (/\.json$/i.test(trimmed) || (!trimmed.includes('=') && trimmed !== '')) {
    let content: string;
    try {
      content = await readFile(trimmed, 'utf8');
    } catch {
      throw usageError(option, `${trimmed} not found (pass a JSON file, JSON, or field=column pairs)`);
    }
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw usageError(option, `${trimmed} is not valid JSON (${(error as Error).message})`);
    }
  } else {
    const pairs: Record<string, string> = {};
    for (const part of trimmed.split(',')) {
      if (part.trim() === '') continue;
      const at = part.indexOf('=');
      if (at <= 0 || at === part.length - 1) {
        throw usageError(option, `"${part}" is not a name=value pair`);
      }
      pairs[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    }
    value = pairs;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError(option, 'must be an object of names to values');
  }
  const out: Record<string, string> = Object.create(null);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' || v === '')
      throw usageError(option, `${key} must name a column (a non-empty string)`);
    out[key] = v;
  }
  return out;
}

/** Reads `--mapping`: which CSV column holds which field; `detectedAt` is required. */
export async function readMapping(text: string): Promise<CsvMapping> {
  const pairs = await readPairs(text, '--mapping');
  // The fields a mapping may name are the importers' own list.
  const fields: readonly string[] = CSV_MAPPING_FIELDS;
  const unknown = Object.keys(pairs).filter((k) => !fields.includes(k));
  if (unknown.length > 0) {
    throw usageError(
      '--mapping',
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${fields.join(', ')}`,
    );
  }
  if (pairs.detectedAt === undefined) {
    throw usageError(
      '--mapping',
      'needs detectedAt (the column with the creation time), e.g. detectedAt=created_at',
    );
  }
  return { ...pairs, detectedAt: pairs.detectedAt } as CsvMapping;
}

/** Reads `--severity-map`: vendor value → severity key. */
export async function readSeverityMap(text: string): Promise<Record<string, string>> {
  return { ...(await readPairs(text, '--severity-map')) };
}
