/**
 * `person-as-cause` when a person is named as the cause itself (`the root cause was Mike`), as the
 * agent of the fault behind a passive (`caused by a mistake by the developer`), or as the one who
 * clicked the wrong thing. Sentences from a user trial, with their blameless near-misses.
 */
import { describe, expect, it } from 'vitest';
import { lintBlameLanguage } from '../../src/postmortem/index.js';

const causes = (text: string) =>
  lintBlameLanguage(text)
    .filter((f) => f.rule === 'person-as-cause')
    .map((f) => f.excerpt);

describe('person-as-cause: a person as the cause or the agent of the fault', () => {
  it.each([
    ['This was caused by a mistake by the developer.', 'caused by a mistake by the developer'],
    [
      'The outage was caused by an error by the on-call engineer.',
      'caused by an error by the on-call engineer',
    ],
    ['The root cause was Mike.', 'cause was Mike'],
    ['The root cause was the engineer.', 'cause was the engineer'],
    ['Unfortunately, Hannah clicked the wrong button.', 'clicked the wrong'],
    ['The operator pressed the wrong key in the console.', 'pressed the wrong'],
  ])('flags: %s', (text, excerpt) => {
    expect(causes(text)).toEqual([excerpt]);
  });

  it.each([
    'This was caused by a mistake in the developer documentation.',
    'This was caused by a mistake by the developer portal.',
    'The root cause was found by Mike.',
    'The root cause was not the engineer.',
    'The root cause was a config the engineer wrote.',
    'The root cause was a stale DNS record.',
    'The root cause was a missing alert, not the on-call engineer.',
    'The cause was clear to the engineer.',
    'The script clicked the wrong button.',
    'Hannah clicked the button because the wrong label was shown.',
    'The test harness pressed the wrong key in the recorded session.',
  ])('leaves alone: %s', (text) => {
    expect(causes(text)).toEqual([]);
  });
});
