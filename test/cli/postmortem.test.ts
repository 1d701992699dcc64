import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDiagram, replay } from '../../src/lifecycle/index.js';
import { buildCli, removeTempDirs, runCli, sampleEventLogs, tempDir } from './helpers.js';

let dir: string;
let logFile: string;
let incidentFile: string;

afterAll(removeTempDirs);

beforeAll(async () => {
  await buildCli();
  dir = tempDir();
  const [log] = sampleEventLogs({ incidents: 2, hostile: ['<img src=x onerror=alert(1)> @here'] });
  logFile = join(dir, 'events.json');
  writeFileSync(logFile, JSON.stringify(log));
  incidentFile = join(dir, 'incident.json');
  writeFileSync(incidentFile, JSON.stringify(replay(log as never)));
});

describe('incidentkit postmortem', () => {
  it('drafts markdown from an event log, replayed', async () => {
    const run = await runCli(['postmortem', logFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Postmortem: /);
    expect(run.stdout).toContain('## Timeline');
    expect(run.stdout).not.toContain('<img');
    expect(run.stdout).not.toMatch(/@here/);
  });

  it('drafts the same document from the incident itself', async () => {
    const fromLog = await runCli(['postmortem', logFile, '--format', 'json']);
    const fromIncident = await runCli(['postmortem', incidentFile, '--format', 'json']);
    expect(JSON.parse(fromLog.stdout).sections).toEqual(JSON.parse(fromIncident.stdout).sections);
  });

  it('writes a whole HTML page with the incident text escaped', async () => {
    const out = join(dir, 'pm.html');
    const run = await runCli(['postmortem', incidentFile, '--format', 'html', '--out', out]);
    expect(run.code).toBe(0);
    const html = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('&lt;\u200Bimg src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('exits 2 for a file that is neither an incident nor an event log', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"title":"x"}');
    const run = await runCli(['postmortem', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/incident\./);
  });
});

describe('incidentkit diagram', () => {
  it('prints the lifecycle diagram generated from the machine', async () => {
    const run = await runCli(['diagram']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${lifecycleDiagram().trimEnd()}\n`);
    const md = await runCli(['diagram', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^```mermaid\nstateDiagram-v2/);
  });
});
