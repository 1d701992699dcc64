/**
 * `incidentkit metrics` on a generated 1,000,000-row PagerDuty analytics CSV (and, for the README,
 * on a 100,000-row one): wall time as a ratio to a bare csv-parse pass over the same file in the
 * same run, and the peak resident memory of each process (`ru_maxrss`, read by the process itself
 * as it exits).
 *
 * Each run is a fresh Node process reading the file as a stream. The machine is shared, so one
 * run proves little: the two candidates run in pairs, back to back, the one going first
 * alternating from pair to pair, and the verdict takes the median over the pairs of each pair's
 * ratio (noise that lasts longer than a pair hits both of it alike; a spike inside one pair moves
 * one ratio, not the median). The medians of each candidate's own times, and the CPU-time ratio
 * (less sensitive to a busy machine), are printed beside it.
 *
 * Targets at 10⁶ rows: metrics ÷ csv-parse ≤ 2 (median of the pairs' wall ratios), peak RSS ≤ 300 MB.
 * `CLI_BENCH_PAIRS` sets the number of pairs at 10⁶ rows (default 5; 3 at 10⁵).
 */
import { spawn } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, tempDir, writePagerDutyCsv } from '../test/cli/helpers.js';

const PAIRS = Math.max(1, Number(process.env.CLI_BENCH_PAIRS ?? 5));

interface Measured {
  readonly ms: number;
  /** CPU time (user + system) of the process: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly stdout: string;
}

/** Runs `node script args…`, timing it and reading the maxRSS line the wrapper prints on exit. */
function measure(script: string, args: readonly string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const rss = /maxRSS=(\d+) cpu=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) {
        reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      // ru_maxrss is in kilobytes on Linux.
      resolve({ ms, cpuMs: Number(rss[2]) / 1000, rssMb: Number(rss[1]) / 1024, stdout });
    });
  });
}

/** A wrapper that runs a module as the main script and prints its peak RSS as it exits. */
function wrapperFor(dir: string, module: string): string {
  const file = join(dir, `rss-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    file,
    `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('maxRSS=' + u.maxRSS + ' cpu=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\nawait import(${JSON.stringify(module)});\n`,
  );
  return file;
}

/**
 * The baseline: csv-parse's stream API over the file with the CLI's options, read the way the CLI
 * reads it (a `for await` over the parser), every record read, nothing done with it.
 */
function bareParser(dir: string): string {
  const file = join(dir, 'bare-csv-parse.mjs');
  const csvParse = import.meta.resolve('csv-parse');
  writeFileSync(
    file,
    `import { createReadStream } from 'node:fs';
import { parse } from ${JSON.stringify(csvParse)};
const parser = parse({ columns: true, bom: true, relax_column_count: true });
createReadStream(process.argv[2]).pipe(parser);
let rows = 0;
for await (const record of parser) rows++;
process.stdout.write(rows + '\\n');
`,
  );
  return file;
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (n: number) => `${n.toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const dir = tempDir('incidentkit-cli-bench-');
  try {
    const cli = await buildCli();
    const metrics = wrapperFor(dir, cli);
    const bare = wrapperFor(dir, bareParser(dir));
    const NOW = '2026-01-15T00:00:00Z';
    const cliArgs = (file: string) => ['metrics', file, '--format', 'json', '--now', NOW, '--quiet'];

    for (const rows of [100_000, 1_000_000]) {
      const pairs = rows === 1_000_000 ? PAIRS : Math.min(PAIRS, 3);
      const file = join(dir, `pagerduty-${rows}.csv`);
      await writePagerDutyCsv(file, { rows, badEvery: 10_000 });
      const size = statSync(file).size / 1024 / 1024;
      const times = { bare: [] as Measured[], cli: [] as Measured[] };
      for (let pair = 0; pair < pairs; pair++) {
        // Alternate which goes first, so neither always runs on the heels of the other.
        if (pair % 2 === 0) {
          times.bare.push(await measure(bare, [file]));
          times.cli.push(await measure(metrics, cliArgs(file)));
        } else {
          times.cli.push(await measure(metrics, cliArgs(file)));
          times.bare.push(await measure(bare, [file]));
        }
      }
      const report = JSON.parse(times.cli[0]!.stdout) as {
        incidents: number;
        durations: { mttr: { medianMs: number } };
      };
      const wallRatios = times.cli.map((m, k) => m.ms / times.bare[k]!.ms);
      const cpuRatios = times.cli.map((m, k) => m.cpuMs / times.bare[k]!.cpuMs);
      const ratio = median(wallRatios);
      const peak = Math.max(...times.cli.map((m) => m.rssMb));
      const row = (name: string, list: Measured[]) =>
        `| ${name} | ${s(median(list.map((m) => m.ms)))} | ${s(Math.min(...list.map((m) => m.ms)))} | ${s(median(list.map((m) => m.cpuMs)))} | ${mb(Math.max(...list.map((m) => m.rssMb)))} |`;
      console.log(
        `\n${rows.toLocaleString('en-US')} rows (${size.toFixed(0)} MB CSV), ${pairs} interleaved pairs:`,
      );
      console.log('| run | wall (median) | wall (best) | CPU (median) | peak RSS |');
      console.log('|---|---:|---:|---:|---:|');
      console.log(row('csv-parse stream, nothing else', times.bare));
      console.log(row('incidentkit metrics --format json', times.cli));
      console.log(
        `metrics ÷ csv-parse per pair: wall ${wallRatios.map((r) => r.toFixed(2)).join(', ')} (median ${ratio.toFixed(2)}); CPU median ${median(cpuRatios).toFixed(2)}; ${report.incidents.toLocaleString('en-US')} incidents measured, MTTR median ${(report.durations.mttr.medianMs / 60_000).toFixed(0)} min`,
      );
      if (rows === 1_000_000) {
        const met = ratio <= 2 && peak <= 300;
        console.log(
          `targets: wall ratio ≤ 2 (median of pairs ${ratio.toFixed(2)}), peak RSS ≤ 300 MB (${mb(peak)}): ${met ? 'target met' : 'TARGET MISSED'}`,
        );
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
