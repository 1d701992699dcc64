import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubAnnotation } from '../../src/cli/github-annotation.js';
import { declareIncident } from '../../src/lifecycle/index.js';
import { draftPostmortem, renderPostmortem } from '../../src/postmortem/index.js';
import { buildCli, removeTempDirs, runCli, tempDir } from './helpers.js';

const BLAMEFUL = `# Payments outage

Authors: Priya

## Summary

Payments failed for 20 minutes.

## Root cause

Dave pushed a bad config without testing it.

## Timeline

- 10:05 UTC alert fired
- 10:01 UTC config pushed

## Action items

- [ ] Be more careful, @dave, due 2026-12-01
- [ ] Add a config validation step to the deploy pipeline (owner: priya, due 2026-12-10)
- [ ] Alert on payment error rate
`;

let dir: string;
let blameful: string;
let clean: string;

afterAll(removeTempDirs);

beforeAll(async () => {
  await buildCli();
  dir = tempDir();
  blameful = join(dir, 'payments.md');
  writeFileSync(blameful, BLAMEFUL);
  const { incident } = declareIncident({
    title: 'Search slow',
    at: '2026-11-24T09:00:00Z',
    severity: 'SEV3',
    impact: { customerFacing: true, degraded: true },
  });
  const pm = draftPostmortem(incident, {
    summary: 'Search was slow for an hour.',
    rootCause: 'The index rebuild ran at peak traffic because its schedule ignored time zones.',
    actionItems: [
      {
        title: 'Schedule index rebuilds off-peak in the cluster time zone',
        owner: 'tom',
        dueAt: '2026-12-05T00:00:00Z',
      },
    ],
  });
  clean = join(dir, 'search.md');
  writeFileSync(clean, renderPostmortem(pm, 'markdown'));
  writeFileSync(join(dir, 'search.json'), renderPostmortem(pm, 'json'));
});

describe('incidentkit lint', () => {
  it('reports findings with the line of the source file and exits 1 on errors', async () => {
    const run = await runCli(['lint', blameful]);
    expect(run.code).toBe(1);
    const lines = BLAMEFUL.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    expect(run.stdout).toContain(`${blameful}:${lineOf('Dave pushed')}: error person-as-cause:`);
    expect(run.stdout).toContain(`${blameful}:${lineOf('10:01 UTC')}: error timeline-order:`);
    expect(run.stdout).toContain(`${blameful}:${lineOf('Be more careful')}: warning vague-action-item:`);
    expect(run.stdout).toContain(`${blameful}:${lineOf('Alert on payment')}: error action-item-owner:`);
    expect(run.stdout).toMatch(/\d+ errors?, \d+ warnings? in 1 postmortem\n$/);
  });

  it('exits 0 for a clean postmortem, markdown or JSON', async () => {
    const run = await runCli(['lint', clean, join(dir, 'search.json')]);
    expect(run.stdout).toContain('2 postmortems: no findings');
    expect(run.code).toBe(0);
  });

  it('prints JSON findings with file and line', async () => {
    const run = await runCli(['lint', blameful, '--format', 'json']);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as { file: string; line: number; rule: string; path: string }[];
    expect(findings.find((f) => f.rule === 'person-as-cause')).toMatchObject({
      file: blameful,
      line: 11,
      path: 'sections[1].content.paragraphs[0]',
    });
  });

  it('prints GitHub annotations for a pull request', async () => {
    const run = await runCli(['lint', blameful, '--format', 'github']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error file=${blameful.replace(/[/.]/g, '\\$&')},line=11,title=postmortem lint%3A person-as-cause::`,
        'm',
      ),
    );
    expect(
      run.stdout
        .trim()
        .split('\n')
        .every((l) => /^::(error|warning) /.test(l)),
    ).toBe(true);
  });

  it('honours --disable and --people', async () => {
    const run = await runCli([
      'lint',
      blameful,
      '--disable',
      'person-as-cause,timeline-order,action-item-owner,action-item-due-date',
      '--format',
      'json',
    ]);
    const rules = (JSON.parse(run.stdout) as { rule: string }[]).map((f) => f.rule);
    expect(rules).not.toContain('person-as-cause');
    expect(rules).toContain('vague-action-item');
    expect(run.code).toBe(0);
  });

  it('exits 2 for a missing file, an unknown rule or a bad word budget', async () => {
    expect((await runCli(['lint', join(dir, 'nope.md')])).stderr).toContain('nope.md not found');
    expect((await runCli(['lint', blameful, '--disable', 'grammar'])).code).toBe(2);
    expect((await runCli(['lint', blameful, '--word-budget', '-3'])).code).toBe(2);
    expect((await runCli(['lint'])).code).toBe(2);
  });
});

describe('githubAnnotation', () => {
  it('escapes text so it cannot end the command or start another', () => {
    expect(
      githubAnnotation('error', 'bad %0A\n::warning::x', { file: 'a,b:c.md', line: 3, title: 'r: x' }),
    ).toBe('::error file=a%2Cb%3Ac.md,line=3,title=r%3A x::bad %250A%0A::warning::x');
  });
});
