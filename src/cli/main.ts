#!/usr/bin/env node
import { describeError, EXIT } from './cli-error.js';
import { type CliStreams, type Command, commandHelp, parseCommandArgs } from './command.js';
import { diagramCommand } from './commands/diagram.js';
import { lintCommand } from './commands/lint.js';
import { metricsCommand } from './commands/metrics.js';
import { postmortemCommand } from './commands/postmortem.js';
import { reportCommand } from './commands/report.js';

const COMMANDS: readonly Command[] = [
  metricsCommand,
  reportCommand,
  lintCommand,
  postmortemCommand,
  diagramCommand,
];

declare const __INCIDENTKIT_VERSION__: string | undefined;
const VERSION = typeof __INCIDENTKIT_VERSION__ === 'string' ? __INCIDENTKIT_VERSION__ : 'dev';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 4;
  return [
    'Usage: incidentkit <command> [options]',
    '',
    'Incident metrics, reports and postmortem lint on the history you already have.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run "incidentkit <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], streams: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    streams.stdout.write(topic ? commandHelp(topic) : mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    streams.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    streams.stderr.write(
      `incidentkit: unknown command "${name.replace(/[^\x20-\x7E]/g, '?')}"\n\n${mainHelp()}`,
    );
    return EXIT.usage;
  }
  try {
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values.help === true) {
      streams.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(parsed, streams);
  } catch (error) {
    const { message, code } = describeError(error);
    streams.stderr.write(
      `${message}\n${code === EXIT.usage ? `Run "incidentkit ${command.name} --help" for usage.\n` : ''}`,
    );
    return code;
  }
}

// `incidentkit metrics … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const streams: CliStreams = { stdout: process.stdout, stderr: process.stderr };
// Set the exit code and let the streams drain, rather than process.exit() cutting a large output short.
process.exitCode = await runCli(process.argv.slice(2), streams);
