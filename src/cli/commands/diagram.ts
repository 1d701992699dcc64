import { lifecycleDiagram } from '../../lifecycle/index.js';
import { usageError } from '../cli-error.js';
import { type Command, stringOption } from '../command.js';
import { writeOutput } from '../output.js';

/** `incidentkit diagram`: the lifecycle as a Mermaid state diagram. */
export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'The incident lifecycle as a Mermaid state diagram',
  usage: 'diagram [options]',
  description:
    'Prints the lifecycle (phases, the events that move between them, their guards) as a Mermaid stateDiagram-v2, generated from the state machine itself.',
  options: {
    format: {
      type: 'string',
      short: 'f',
      value: 'format',
      choices: ['mermaid', 'markdown'],
      description: 'Bare Mermaid (default) or a markdown ```mermaid block.',
    },
    out: { type: 'string', short: 'o', value: 'file', description: 'Write to this file instead of stdout.' },
  },
  async run(parsed, streams) {
    if (parsed.positionals.length > 0)
      throw usageError(`${parsed.positionals[0]}`, 'diagram takes no arguments');
    const diagram = lifecycleDiagram().trimEnd();
    const text =
      stringOption(parsed, 'format') === 'markdown' ? `\`\`\`mermaid\n${diagram}\n\`\`\`\n` : `${diagram}\n`;
    await writeOutput(text, stringOption(parsed, 'out'), streams);
    return 0;
  },
};
