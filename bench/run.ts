import os from 'node:os';
import { fromRoot } from '../src/paths';
import { forkChild, type BenchChild } from './child';
import { loadEvalDrafts, loadEvalQuestions } from './evalData';
import { runHttp, type HttpOptions } from './http';
import type { InProcessOptions } from './inprocess';
import { runCoreInChild, runScaleInChild } from './inprocessRunner';
import { measureReady } from './ready';
import { machineInfo, printReport, writeReport, type BenchReport } from './report';
import { runSoak, type SoakOptions } from './soak';
import { round } from './stats';

/**
 * `npm run bench [-- flags]`: the bot's figures for speed and memory, each beside a baseline.
 *
 *   (default)        in-process answer/check latency beside plain BM25, the answerer's memory,
 *                    answer cost with 1/10/50 procedures, HTTP load beside an echo bot,
 *                    ready time. About 3.5 minutes on a 2-core machine.
 *   --quick          a smoke run of the same (under a minute): one short round of load, 1 and 5
 *                    procedures, one ready-time start.
 *   --soak           adds the 5-minute memory soak.
 *   --scale-full     lets the 50-procedure row run to completion (its build took 214 s and
 *                    4.2 GB peak RSS here) instead of stopping it after --scale-budget seconds.
 *   --duration=S --warmup=S --connections=N   HTTP load per scenario and round (default 10 s, 3 s, 50)
 *   --rounds=R       rounds of echo → question → check (default 3; ratios paired within a round)
 *   --scale=1,10,50 --scale-budget=S          knowledge-growth rows and the budget per row
 *   --soak-seconds=S --soak-rate=R            soak length and rate (default 300 s, 100 req/s)
 *   --only=inprocess,scale,http,ready,soak    run only these phases
 *
 * Figures go to bench/results/latest.json (and a dated copy); a compact table to stdout.
 * Everything runs on 127.0.0.1; every loop is bounded in count and time.
 */
interface Plan {
  mode: string;
  phases: Set<string>;
  core: InProcessOptions;
  coreTimeoutMs: number;
  scale: { sizes: number[]; minAnswers: number; maxLoopMs: number; budgetS: number; full: boolean };
  http: HttpOptions;
  readyRuns: number;
  soak?: SoakOptions;
}

class UsageError extends Error {}

function flag(argv: string[], name: string): string | undefined {
  const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : '';
}

function num(argv: string[], name: string, fallback: number, min: number, max: number): number {
  const raw = flag(argv, name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

const KNOWN = ['quick', 'soak', 'scale-full', 'duration', 'warmup', 'connections', 'scale', 'scale-budget', 'soak-seconds', 'soak-rate', 'only', 'users', 'rounds', 'help'];

export function plan(argv: string[]): Plan {
  for (const a of argv) {
    const name = /^--([a-z-]+)/.exec(a)?.[1];
    if (!name || !KNOWN.includes(name)) throw new UsageError(`unknown argument ${a} (known: ${KNOWN.map((k) => `--${k}`).join(' ')})`);
  }
  const quick = flag(argv, 'quick') !== undefined;
  const soak = flag(argv, 'soak') !== undefined;
  const full = flag(argv, 'scale-full') !== undefined;
  const only = flag(argv, 'only');
  const phases = new Set(only ? only.split(',').map((s) => s.trim()) : ['inprocess', 'scale', 'http', 'ready', ...(soak ? ['soak'] : [])]);
  for (const p of phases) if (!['inprocess', 'scale', 'http', 'ready', 'soak'].includes(p)) throw new UsageError(`--only: unknown phase ${p}`);
  const sizes = (flag(argv, 'scale') || (quick ? '1,5' : '1,10,50')).split(',').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > 200) throw new UsageError('--scale takes procedure counts from 1 to 200');
    return n;
  });
  return {
    mode: [quick ? 'quick' : 'default', soak ? 'soak' : '', full ? 'scale-full' : '', only ? `only=${only}` : ''].filter(Boolean).join(', '),
    phases,
    core: quick
      ? { minAnswers: 5000, minChecks: 2000, maxLoopMs: 5000 }
      : { minAnswers: 5000, minChecks: 5000, maxLoopMs: 20_000 },
    coreTimeoutMs: 120_000,
    scale: {
      sizes,
      minAnswers: quick ? 500 : 5000,
      maxLoopMs: quick ? 3000 : 15_000,
      budgetS: full ? 900 : num(argv, 'scale-budget', quick ? 30 : 45, 5, 900),
      full,
    },
    http: {
      connections: num(argv, 'connections', 50, 1, 500),
      durationS: num(argv, 'duration', quick ? 3 : 10, 1, 600),
      warmupS: num(argv, 'warmup', quick ? 1 : 3, 0, 60),
      rounds: num(argv, 'rounds', quick ? 1 : 3, 1, 20),
      users: num(argv, 'users', 1000, 1, 100_000),
    },
    readyRuns: quick ? 1 : 3,
    ...(phases.has('soak')
      ? {
          soak: {
            seconds: num(argv, 'soak-seconds', 300, 30, 3600),
            sampleEveryS: 10,
            connections: 10,
            rate: num(argv, 'soak-rate', 100, 1, 10_000),
            warmupS: 10,
            users: num(argv, 'users', 1000, 1, 100_000),
          },
        }
      : {}),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (flag(argv, 'help') !== undefined) {
    process.stdout.write('usage: npm run bench [-- --quick | --soak | --scale-full | --duration=S | --connections=N | --only=inprocess,scale,http,ready,soak]\n');
    return;
  }
  const p = plan(argv);
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[bench ${String(Math.round((Date.now() - started) / 1000)).padStart(3)}s] ${line}\n`);
  const report: BenchReport = {
    version: 1,
    date: new Date().toISOString(),
    mode: p.mode,
    argv,
    machine: machineInfo(),
    errors: [],
    notes: [],
  };
  const phase = async (name: string, fn: () => Promise<void>) => {
    if (!p.phases.has(name)) return;
    log(`— ${name}`);
    try {
      await fn();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      report.errors.push({ phase: name, error: message });
      log(`${name} failed: ${message}`);
    }
  };

  if (p.mode.startsWith('quick')) {
    report.notes.push('--quick is a smoke run (one 3 s round, 1 and 5 procedures, one start): its figures are too noisy to quote; use a default run');
  }
  const { questions } = loadEvalQuestions();
  const drafts = loadEvalDrafts();

  await phase('inprocess', async () => {
    report.inProcess = await runCoreInChild(p.core, p.coreTimeoutMs, log);
  });

  let connector: BenchChild | undefined;
  const connectorUrl = async () => (connector ??= await forkChild('connectorChild.js'));
  try {
    await phase('http', async () => {
      report.http = await runHttp(await connectorUrl(), { questions, drafts }, p.http, log);
    });

    await phase('ready', async () => {
      report.ready = await measureReady(p.readyRuns);
      log(`ready: ${report.ready.runsMs.join(', ')} ms`);
    });

    await phase('scale', async () => {
      report.scale = [];
      for (const count of p.scale.sizes) {
        const outcome = await runScaleInChild(count, { minAnswers: p.scale.minAnswers, maxLoopMs: p.scale.maxLoopMs }, p.scale.budgetS * 1000, log);
        report.scale.push(outcome);
        if (outcome.status !== 'ok') {
          log(`${count} procedures: ${outcome.status} after ${outcome.ranMs} ms`);
          if (outcome.status === 'timeout' && !p.scale.full) {
            report.notes.push(`${count} procedures did not finish within the ${p.scale.budgetS} s budget; run with --scale-full to let it complete`);
          }
        }
      }
    });

    await phase('soak', async () => {
      report.soak = await runSoak(await connectorUrl(), questions, p.soak!, log);
    });
  } finally {
    await connector?.stop();
  }

  report.machine.loadAvgAfter = os.loadavg().map((x) => round(x, 2));
  report.durationS = round((Date.now() - started) / 1000, 1);
  const file = writeReport(report, fromRoot('bench', 'results'));
  printReport(report, (text) => process.stdout.write(text + '\n'));
  process.stdout.write(`\nfigures written to ${file} (${report.durationS} s)\n`);
  if (report.errors.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
