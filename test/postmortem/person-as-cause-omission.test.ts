/**
 * `person-as-cause` on omissions: a missing safeguard stated about a person (`the team did not have
 * an alert`) is a fact about the system; a step a person left undone (`Bob did not follow the
 * runbook`) is blame. Sentences from a user trial.
 */
import { describe, expect, it } from 'vitest';
import { lintBlameLanguage } from '../../src/postmortem/index.js';

const rules = (text: string, people: string[] = []) =>
  lintBlameLanguage(text, { people }).map((f) => [f.rule, f.excerpt]);

describe('person-as-cause: a missing safeguard is not an omission', () => {
  it.each([
    'The team did not have an alert for replica lag.',
    'The on-call engineer did not have access to the dashboard.',
    'The developer did not have permission to view production logs.',
    "The team didn't have a runbook for failing over the primary.",
    'The on-call engineer does not have write access to the cluster.',
    'The SRE team doesn’t have dashboards for the queue depth.',
    'The developers do not have a staging environment for the billing service.',
    'The team had no alert for replica lag.',
    'The on-call engineer has no runbook for this failure.',
    'The team did not yet have an owner for the service.',
    'Alice did not have access to the production cluster.',
    'The team missed the deadline for the migration.',
    'The team missed the maintenance window because the migration ran long.',
  ])('leaves alone: %s', (text) => {
    expect(rules(text, ['Alice'])).toEqual([]);
  });

  it.each([
    ['Bob did not follow the runbook and broke prod.', 'did not follow'],
    ['Alice forgot to drain the node.', 'forgot'],
    ["The engineer didn't check and deleted the table.", "didn't check"],
    ['The team did not have the runbook open and skipped the drain step.', 'skipped'],
    ['The on-call engineer missed the page.', 'missed'],
    ['The developer did not test the migration.', 'did not test'],
    ['The operator had not checked the replica lag.', 'had not checked'],
    ['The developer did not yet test the migration.', 'did not yet test'],
    ['The on-call engineer missed the window to fail over the primary.', 'missed'],
  ])('still flags: %s', (text, excerpt) => {
    const found = rules(text, ['Alice', 'Bob']);
    expect(found.filter(([rule]) => rule === 'person-as-cause').map(([, e]) => e)).toContain(excerpt);
  });
});
