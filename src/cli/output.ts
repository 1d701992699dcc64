import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { usageError } from './cli-error.js';
import type { CliStreams } from './command.js';

/** Writes the result to `--out` (a usage error when the folder is not there) or stdout. */
export async function writeOutput(text: string, out: string | undefined, streams: CliStreams): Promise<void> {
  if (out === undefined || out === '-') {
    streams.stdout.write(text);
    return;
  }
  try {
    await writeFile(out, text, 'utf8');
  } catch (error) {
    const code = (error as { code?: string | undefined }).code;
    const why = code === 'ENOENT' ? `folder ${dirname(out)} does not exist` : (code ?? String(error));
    throw usageError('--out', `cannot write ${out}: ${why}`);
  }
}
