import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `examples/<name>` under tsx as `npm run`/a user would, and returns what it printed. */
export async function runExample(
  name: string,
  env: Readonly<Record<string, string>> = {},
): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', `examples/${name}`], {
    env: { ...process.env, ...env },
    maxBuffer: 1 << 24,
    timeout: 170_000,
  });
}
