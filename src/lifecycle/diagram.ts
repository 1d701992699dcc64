import { PHASES } from '../model/index.js';
import { transitionTable } from './transition-table.js';

/**
 * The lifecycle as a Mermaid `stateDiagram-v2`, generated from the machine definition: phase
 * changes as arrows (with their guard), in-place events as a note per phase.
 *
 * @example
 * ```ts
 * import { lifecycleDiagram } from 'incidentkit/lifecycle';
 * lifecycleDiagram().startsWith('stateDiagram-v2'); // true
 * ```
 */
export function lifecycleDiagram(): string {
  const table = transitionTable();
  const lines = ['stateDiagram-v2', '  [*] --> detect: DECLARE'];
  const notes: string[] = [];
  for (const phase of PHASES) {
    const inPlace: string[] = [];
    for (const [type, t] of Object.entries(table[phase])) {
      if (t.target === undefined || t.target === phase) inPlace.push(type);
      else lines.push(`  ${phase} --> ${t.target}: ${type}${t.guard ? ` [${t.guard}]` : ''}`);
    }
    if (inPlace.length > 0) notes.push(`  note right of ${phase}: ${inPlace.join(', ')}`);
  }
  lines.push('  cancelled --> [*]', ...notes);
  return `${lines.join('\n')}\n`;
}
