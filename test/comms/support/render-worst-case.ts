/**
 * Renders about 1 MB of worst-case text in every format and runs every template path, so a parent
 * process started with V8's backtracking limit can see whether any regular expression in the comms
 * paths backtracks. Run by `test/properties/comms-regexp-backtracking.test.ts`; prints `done` at the end.
 */
import { templateParts } from '../../../src/comms/templates.js';
import {
  declareIncident,
  type Message,
  type MessageFormat,
  MessageSchema,
  renderMessage,
  statusUpdate,
} from '../../../src/index.js';
import { WORST_CASE_TEXTS } from './worst-case-texts.js';

const { incident } = declareIncident({
  incidentId: 'INC-1',
  title: 'Checkout errors',
  at: 0,
  severity: 'SEV1',
});
const base = statusUpdate(incident, { status: 'Investigating' });
const formats: MessageFormat[] = ['text', 'markdown', 'html', 'slack', 'teams'];

for (const text of Object.values(WORST_CASE_TEXTS)) {
  // Stakeholder messages break host names; responder markdown wraps them in code spans.
  for (const audience of ['stakeholders', 'responders'] as const) {
    const message: Message = MessageSchema.parse({
      ...base,
      audience,
      title: text.slice(0, 1_000),
      body: text,
      fields: [
        { key: 'status', label: text.slice(0, 200), value: text },
        {
          key: 'actionsTaken',
          label: 'Actions taken',
          value: 'x',
          items: Array.from({ length: 50 }, () => text),
        },
      ],
    });
    for (const format of formats) renderMessage(message, format);
  }
  const input = {
    status: `x${text.slice(0, 9_999)}`,
    actionsTaken: Array.from({ length: 100 }, () => `x${text.slice(0, 9_999)}`),
  };
  renderMessage(statusUpdate(incident, input), 'slack');
  templateParts(text.repeat(50));
  try {
    statusUpdate(incident, { status: 'x' }, { templates: { statusUpdate: { title: text, body: text } } });
  } catch {
    // Rejected templates (unknown or unclosed placeholders) are expected; the point is the cost.
  }
}
console.log('done');
