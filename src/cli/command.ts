import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

/** One option of a command: its type, an optional short flag, the help text and allowed values. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string | undefined;
  readonly value?: string | undefined;
  readonly description: string;
  readonly choices?: readonly string[] | undefined;
  readonly multiple?: boolean | undefined;
}

/** Where a command writes: stdout for results, stderr for progress and notices. */
export interface CliStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: {
    write(text: string): unknown;
    readonly isTTY?: boolean | undefined;
    readonly columns?: number | undefined;
  };
}

/** A subcommand of `incidentkit`: its usage line, description, options and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples?: readonly string[] | undefined;
  run(parsed: ParsedArgs, streams: CliStreams): Promise<number>;
}

/** A command's parsed arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/** Parses argv for a command with Node's parseArgs; unknown options and bad choices are usage errors. */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  const options = { ...command.options, help: HELP };
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) },
      ]),
    ),
    allowPositionals: true,
    strict: true,
  });
  for (const [name, spec] of Object.entries(options)) {
    const value = values[name];
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      throw usageError(`--${name}`, `unknown value "${value}"; use one of ${spec.choices.join(', ')}`);
    }
  }
  return { values: values as ParsedArgs['values'], positionals };
}

/** The `--help` text of a command. */
export function commandHelp(command: Command): string {
  const rows = Object.entries({ ...command.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    const choices = o.choices ? ` (${o.choices.join(' | ')})` : '';
    return [flag, `${o.description}${choices}`] as const;
  });
  const width = Math.min(36, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  const lines = [
    `Usage: incidentkit ${command.usage}`,
    '',
    command.description,
    '',
    'Options:',
    ...rows.map(([flag, text]) =>
      flag.length + 2 > width ? `  ${flag}\n  ${' '.repeat(width)}${text}` : `  ${flag.padEnd(width)}${text}`,
    ),
  ];
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

/** A string option's value (the last one when repeated), or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  if (Array.isArray(value)) return value[value.length - 1];
  return typeof value === 'string' ? value : undefined;
}

/** Every value a repeatable (or comma-separated) string option was given. */
export function listOption(parsed: ParsedArgs, name: string): string[] {
  const value = parsed.values[name];
  const all = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return all
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Exactly one positional argument (the input file), or a usage error. */
export function onePositional(parsed: ParsedArgs, what: string): string {
  if (parsed.positionals.length === 0) throw usageError(`<${what}>`, `missing; pass the ${what} to read`);
  if (parsed.positionals.length > 1) {
    throw usageError(
      `<${what}>`,
      `expected one, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`,
    );
  }
  return parsed.positionals[0]!;
}
