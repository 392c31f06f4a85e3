import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HttpResult } from './http';
import type { InProcessResult } from './inprocess';
import type { ScaleOutcome } from './inprocessRunner';
import type { ReadyResult } from './ready';
import type { SoakResult } from './soak';
import { round } from './stats';

/** Everything one `npm run bench` measured; written to bench/results/latest.json. */
export interface BenchReport {
  version: 1;
  date: string;
  mode: string;
  argv: string[];
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemMiB: number;
    node: string;
    platform: string;
    /** 1-minute load average before and after: others share these machines, so a busy one shows here. */
    loadAvgBefore: number[];
    loadAvgAfter?: number[];
  };
  durationS?: number;
  inProcess?: InProcessResult;
  scale?: ScaleOutcome[];
  http?: HttpResult;
  ready?: ReadyResult;
  soak?: SoakResult;
  errors: Array<{ phase: string; error: string }>;
  notes: string[];
}

export function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemMiB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAvgBefore: os.loadavg().map((x) => round(x, 2)),
  };
}

export function writeReport(report: BenchReport, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  const text = JSON.stringify(report, null, 2) + '\n';
  fs.writeFileSync(file, text);
  // A dated copy too, so two runs can be compared; results/ is gitignored.
  fs.writeFileSync(path.join(dir, `bench-${report.date.replace(/[:.]/g, '-')}.json`), text);
  return file;
}

/** A plain fixed-width table. */
function table(head: string[], rows: Array<Array<string | number | undefined>>): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const passFail = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const fmt = (x: number | undefined, digits = 1) => (x === undefined || !Number.isFinite(x) ? '-' : String(round(x, digits)));

export function printReport(r: BenchReport, out: (text: string) => void): void {
  const m = r.machine;
  out(`\nPR.708.IT bot bench — ${r.date} — ${r.mode}`);
  out(`machine: ${m.cpus} × ${m.cpuModel}, ${m.totalMemMiB} MiB, node ${m.node}, load avg before ${m.loadAvgBefore.join(' ')}${m.loadAvgAfter ? `, after ${m.loadAvgAfter.join(' ')}` : ''}`);
  if (m.loadAvgBefore[0]! > m.cpus * 0.5) out(`note: the machine was busy before the run (load ${m.loadAvgBefore[0]} on ${m.cpus} cores); figures are noisier than usual`);

  const ip = r.inProcess;
  if (ip) {
    out(`\nIn process (${ip.questions.count} eval questions, ${ip.drafts.count} eval drafts; latency in µs)`);
    out(
      table(
        ['', 'calls', 'p50 µs', 'p90 µs', 'p99 µs', 'mean µs', 'cpu share'],
        [
          ['answer (the bot)', ip.answer.latencyUs.n, fmt(ip.answer.latencyUs.p50), fmt(ip.answer.latencyUs.p90), fmt(ip.answer.latencyUs.p99), fmt(ip.answer.latencyUs.mean), fmt(ip.answer.cpuShare, 2)],
          ['plain BM25 over clause text', ip.baseline.latencyUs.n, fmt(ip.baseline.latencyUs.p50), fmt(ip.baseline.latencyUs.p90), fmt(ip.baseline.latencyUs.p99), fmt(ip.baseline.latencyUs.mean), fmt(ip.baseline.cpuShare, 2)],
          ['ratio answer / BM25', '', `${fmt(ip.answerToBaseline.p50, 2)}×`, '', `${fmt(ip.answerToBaseline.p99, 2)}×`, '', ''],
          ['draft check', ip.check.latencyUs.n, fmt(ip.check.latencyUs.p50), fmt(ip.check.latencyUs.p90), fmt(ip.check.latencyUs.p99), fmt(ip.check.latencyUs.mean), fmt(ip.check.cpuShare, 2)],
        ],
      ),
    );
    const mem = ip.memoryAfterBuild;
    out('  cpu share: CPU time the bench got over wall time while timing (below ~0.9, other work on the machine is in the tail)');
    out(
      `answerer build ${fmt(ip.build.totalMs)} ms (procedure ${fmt(ip.build.loadProcedureMs)}, knowledge ${fmt(ip.build.loadKnowledgeMs)}, index+classifier ${fmt(ip.build.createAnswererMs)}); ` +
        `after build${mem.gcForced ? ' and a forced GC' : ''}: heap ${mem.heapUsedMiB} MiB (+${mem.heapDeltaMiB}), array buffers ${mem.arrayBuffersMiB} MiB (+${mem.arrayBuffersDeltaMiB}), RSS ${mem.rssMiB} MiB (+${mem.rssDeltaMiB})`,
    );
  }

  if (r.scale?.length) {
    out('\nAnswer cost as the knowledge grows (copies of PR.708.IT with renamed ids and words; see bench/synthetic.ts)');
    out(
      table(
        ['procedures', 'clauses', 'entries', 'build ms', 'heap+buffers MiB', 'peak RSS MiB', 'answers', 'p50 µs', 'p99 µs', 'cpu share', 'same answer %'],
        r.scale.map((s) =>
          s.status === 'ok'
            ? [String(s.procedures), s.clauses, s.entries, fmt(s.buildMs, 0), fmt(s.heapDeltaMiB + s.arrayBuffersDeltaMiB), fmt(s.peakRssMiB), `${s.answers}${s.cappedByTime ? ' (time cap)' : ''}`, fmt(s.latencyUs.p50), fmt(s.latencyUs.p99), fmt(s.cpuShare, 2), fmt(s.sameAnswerPct)]
            : [String(s.procedures), '', '', `> ${s.ranMs} (${s.status})`, '', fmt(s.peakRssMiB), '', '', '', ''],
        ),
      ),
    );
    out('  heap+buffers: retained after build (JS heap + typed arrays). same answer: eval questions whose verdict and first clause match the real procedure alone');
    out('  (the copies are look-alikes of PR.708.IT, so this is a worst case for confusion, not a quality figure).');
  }

  const h = r.http;
  if (h) {
    out(
      `\nOver HTTP: /api/messages on 127.0.0.1, ${h.connections} connections, ${h.rounds} round(s) of ${h.durationS} s per scenario after ${h.warmupS} s warm-up; ` +
        `latency in ms; ${h.rounds > 1 ? 'medians over rounds, ratios paired within each round' : 'one round'}`,
    );
    const rows: Array<Array<string | number | undefined>> = [];
    for (const s of [h.echo, ...h.scenarios]) {
      rows.push([
        s.scenario,
        fmt(s.rps),
        fmt(s.latencyMs.p50, 2),
        fmt(s.latencyMs.p99, 2),
        s.non2xx + (s.badResponses ? ` (+${s.badResponses} bad)` : ''),
        s.errors,
        s.toEcho ? `${fmt(s.toEcho.throughput, 2)}×` : '',
        s.toEcho ? `${fmt(s.toEcho.p99, 2)}×` : '',
        `${fmt(s.serverMs.p50, 1)}/${fmt(s.serverMs.p99, 1)}`,
        fmt(s.loopDelayMaxMs, 0),
        fmt(s.peakRssMiB),
      ]);
    }
    out(table(['scenario', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'thr/echo', 'p99/echo', 'in-bot p50/p99', 'loop delay max', 'peak RSS MiB'], rows));
    out('  p50/p99: as autocannon sees them. in-bot: the same requests timed inside the bot (request event to response finish).');
    if (h.rounds > 1) {
      const perRound: Array<Array<string | number | undefined>> = h.echo.runs.map((e, i) => [
        String(i + 1),
        `${fmt(e.rps, 0)} / ${fmt(e.latencyMs.p99, 0)}`,
        ...h.scenarios.map((s) => {
          const run = s.runs[i]!;
          const x = s.toEcho?.perRound[i];
          return `${fmt(run.rps, 0)} / ${fmt(run.latencyMs.p99, 0)} (${fmt(x?.throughput, 2)}×, ${fmt(x?.p99, 2)}×)`;
        }),
      ]);
      out(table(['round', 'echo req/s / p99', ...h.scenarios.map((s) => `${s.scenario} req/s / p99 (thr, p99 vs echo)`)], perRound));
    }
    // Replies are counted over each measured window, so turns in flight at either end may
    // land on either side; more apart than that means turns were answered wrongly.
    for (const s of [h.echo, ...h.scenarios]) {
      for (const run of s.runs) {
        if (run.replies.expected === 'none') continue;
        const right = run.replies.expected === 'card' ? run.replies.cards : run.replies.texts;
        const wrong = run.replies.expected === 'card' ? run.replies.texts : run.replies.cards;
        if (Math.abs(right - run.ok) > 2 * run.connections || wrong > 0) {
          out(`  WARNING ${s.scenario}: ${run.replies.cards} cards and ${run.replies.texts} texts reached the connector for ${run.ok} turns`);
        }
      }
    }
    out(
      `targets: question turn throughput ${fmt(h.targets.questionThroughput.ratio, 2)}× echo (${h.targets.questionThroughput.target}) ${passFail(h.targets.questionThroughput.pass)}; ` +
        `p99 ${fmt(h.targets.questionP99.ratio, 2)}× echo (${h.targets.questionP99.target}) ${passFail(h.targets.questionP99.pass)}`,
    );
    out(
      `bots: echo started in ${fmt(h.bots.echo.startupMs, 0)} ms, idle RSS ${h.bots.echo.idleRssMiB} MiB, peak ${fmt(h.bots.echo.peakRssMiB)} MiB; ` +
        `real started in ${fmt(h.bots.real.startupMs, 0)} ms, idle RSS ${h.bots.real.idleRssMiB} MiB, peak ${fmt(h.bots.real.peakRssMiB)} MiB`,
    );
  }

  if (r.ready) {
    out(`\nReady time (${r.ready.command}): ${r.ready.runsMs.map((x) => `${fmt(x, 0)} ms`).join(', ')}; median ${fmt(r.ready.medianMs, 0)} ms, worst ${fmt(r.ready.maxMs, 0)} ms; target ≤ ${r.ready.targetMs} ms ${passFail(r.ready.pass)}`);
  }

  const s = r.soak;
  if (s) {
    out(`\nSoak: question turns for ${s.seconds} s at ${s.rate} req/s (${s.connections} connections), memory every 10 s${s.gcForced ? ' after a forced GC' : ' (no --expose-gc: without forced GC)'}`);
    out(`served ${s.requests} (${fmt(s.rps)} req/s, p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms, non-2xx ${s.non2xx}, errors ${s.errors}); ` +
      `RSS ${s.samples[0]?.rssMiB} → ${s.samples[s.samples.length - 1]?.rssMiB} MiB, heap ${s.samples[0]?.heapUsedMiB} → ${s.samples[s.samples.length - 1]?.heapUsedMiB} MiB`);
    out(`growth (${s.growth.window}): RSS ${fmt(s.growth.rssPct)}%, heap ${fmt(s.growth.heapUsedPct)}% (target ${s.target}) ${passFail(s.pass)}`);
  }

  for (const n of r.notes) out(`note: ${n}`);
  for (const e of r.errors) out(`ERROR in ${e.phase}: ${e.error}`);
}
