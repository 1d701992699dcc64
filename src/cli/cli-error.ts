import { IncidentKitError, isIncidentKitError } from '../model/index.js';

/**
 * A usage error of the `incidentkit` command (an unknown option, a file that is not there, a
 * format it cannot read): an `INVALID_INPUT` error naming the argument, which the command prints
 * and exits with code 2.
 */
export function usageError(argument: string, message: string): IncidentKitError<'INVALID_INPUT'> {
  return new IncidentKitError('INVALID_INPUT', `${argument}: ${message}`, {
    issues: [{ path: argument, message }],
  });
}

/** Exit codes: 0 fine, 1 lint errors found, 2 usage or input errors, 70 a bug. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;

/** The line to print for an error, and the exit code it means. */
export function describeError(error: unknown): { message: string; code: number } {
  if (isIncidentKitError(error)) {
    const issues = error.issues.filter((i) => i.path !== '' && !error.reason.includes(i.message));
    const detail = issues
      .slice(0, 10)
      .map((i) => `\n  ${i.path}: ${i.message}`)
      .join('');
    return { message: `incidentkit: ${error.reason}${detail}`, code: EXIT.usage };
  }
  const e = error as { code?: unknown; message?: unknown; stack?: unknown } | undefined;
  // Node's parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes: those are usage errors.
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
    return { message: `incidentkit: ${String(e.message)}`, code: EXIT.usage };
  }
  return {
    message: `incidentkit: internal error (please report it): ${String(e?.stack ?? e?.message ?? error)}`,
    code: EXIT.internal,
  };
}
