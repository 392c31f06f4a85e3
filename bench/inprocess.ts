import { createAnswerer, type Answerer } from '../src/policy/answer';
import { checkDraft } from '../src/policy/check';
import { loadKnowledge } from '../src/policy/knowledge';
import { loadProcedure } from '../src/policy/procedure';
import { createBaseline } from '../test/eval/bm25Baseline';
import { peakRssOf } from './child';
import { loadEvalDrafts, loadEvalQuestions } from './evalData';
import { mib, ratio, round, summarize, type LatencySummary } from './stats';
import { synthesize } from './synthetic';

/**
 * The in-process figures (issue 3, point 7): what one answer and one draft check cost on the
 * CPU, with no HTTP, botbuilder or database around them, beside plain BM25 over the clause
 * text measured the same way in the same process; the answerer's memory; and how the cost
 * grows with 1, 10 and 50 procedures loaded. Run in a child started with --expose-gc so the
 * memory figures are taken after a full collection and owe nothing to the HTTP phase.
 */
export interface InProcessOptions {
  /** Answers to time per answerer (all eval questions, repeated until at least this many). */
  minAnswers: number;
  /** Draft checks to time (all eval drafts, repeated until at least this many). */
  minChecks: number;
  /** Hard cap on any one timing loop, in ms. */
  maxLoopMs: number;
}

export interface MemoryFigures {
  heapUsedMiB: number;
  rssMiB: number;
  /** Growth over the same figure measured just before building (after loading the code). */
  heapDeltaMiB: number;
  /** Typed arrays (the BM25 postings, the classifier's weights) live outside the JS heap. */
  arrayBuffersMiB: number;
  arrayBuffersDeltaMiB: number;
  rssDeltaMiB: number;
  gcForced: boolean;
}

export interface TimedLoop {
  /** Per-call latency in µs. */
  latencyUs: LatencySummary;
  /** Distinct inputs in one pass. */
  inputs: number;
  passes: number;
  elapsedMs: number;
  /** True when the loop stopped on its time cap before reaching its count. */
  cappedByTime: boolean;
  /**
   * CPU time this process got over wall time during the loop (1 = never preempted). Below
   * about 0.9, other work on the machine took the CPU and the tail percentiles show it.
   */
  cpuShare: number;
}

export interface ScaleRow {
  procedures: number;
  clauses: number;
  entries: number;
  synthMs: number;
  buildMs: number;
  heapDeltaMiB: number;
  arrayBuffersDeltaMiB: number;
  /** RSS of the process after building (the real answerer is built too, for comparison). */
  rssMiB: number;
  /** Peak RSS of the process (Linux VmHWM), including the build. */
  peakRssMiB?: number;
  latencyUs: LatencySummary;
  answers: number;
  cappedByTime: boolean;
  cpuShare: number;
  /** Share of eval questions whose verdict and first clause are the same as with the real procedure alone. */
  sameAnswerPct: number;
  /** Share of eval questions whose first clause is in the real procedure (not a synthetic copy). */
  realProcedureTopPct: number;
}

export interface InProcessResult {
  questions: { count: number; files: string[] };
  drafts: { count: number };
  build: { loadProcedureMs: number; loadKnowledgeMs: number; createAnswererMs: number; totalMs: number };
  memoryAfterBuild: MemoryFigures;
  answer: TimedLoop;
  baseline: TimedLoop;
  /** Answerer over baseline, per percentile. */
  answerToBaseline: { p50: number; p99: number };
  check: TimedLoop;
}

const gc = (globalThis as { gc?: () => void }).gc;

function fullGc(): boolean {
  if (!gc) return false;
  gc();
  gc();
  return true;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Something the optimiser cannot prove unused. */
let sink = 0;

/**
 * Times `fn` on every input in turn, pass after pass, until at least `minCalls` calls or
 * `maxMs` have gone by (whichever is first, but always at least one full pass). One untimed
 * pass first, so the JIT and the typo memo are warm as in a running bot.
 */
function timeLoop<T>(inputs: readonly T[], fn: (input: T) => number, minCalls: number, maxMs: number): TimedLoop {
  for (const input of inputs) sink += fn(input);
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let passes = 0;
  let cappedByTime = false;
  while (samples.length < minCalls) {
    for (const input of inputs) {
      const t0 = process.hrtime.bigint();
      sink += fn(input);
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    passes++;
    if (samples.length < minCalls && elapsedMs(start) > maxMs) {
      cappedByTime = true;
      break;
    }
  }
  const wallMs = elapsedMs(start);
  const cpu = process.cpuUsage(cpuStart);
  const summary = summarize(samples);
  return {
    latencyUs: { ...summary, p50: round(summary.p50), p90: round(summary.p90), p99: round(summary.p99), mean: round(summary.mean), max: round(summary.max) },
    inputs: inputs.length,
    passes,
    elapsedMs: round(wallMs),
    cappedByTime,
    cpuShare: round((cpu.user + cpu.system) / 1000 / wallMs, 2),
  };
}

const answerWeight = (a: { clauses: string[]; verdict: string }) => a.clauses.length + a.verdict.length;

function memorySince(before: NodeJS.MemoryUsage, gcForced: boolean): MemoryFigures {
  const now = process.memoryUsage();
  return {
    heapUsedMiB: mib(now.heapUsed),
    rssMiB: mib(now.rss),
    heapDeltaMiB: mib(now.heapUsed - before.heapUsed),
    arrayBuffersMiB: mib(now.arrayBuffers),
    arrayBuffersDeltaMiB: mib(now.arrayBuffers - before.arrayBuffers),
    rssDeltaMiB: mib(now.rss - before.rss),
    gcForced,
  };
}

export function runInProcess(options: InProcessOptions, progress: (line: string) => void = () => undefined): InProcessResult {
  const { questions, files } = loadEvalQuestions();
  const drafts = loadEvalDrafts();
  const texts = questions.map((q) => q.text);

  // --- Build the real answerer, with memory before and after ---------------------------
  let gcForced = fullGc();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const procedure = loadProcedure();
  const loadProcedureMs = elapsedMs(t0);
  const t1 = process.hrtime.bigint();
  const knowledge = loadKnowledge(procedure);
  const loadKnowledgeMs = elapsedMs(t1);
  const t2 = process.hrtime.bigint();
  const answerer = createAnswerer(procedure, knowledge);
  const createAnswererMs = elapsedMs(t2);
  const totalMs = elapsedMs(t0);
  gcForced = fullGc();
  const memoryAfterBuild = memorySince(before, gcForced);
  progress(`answerer built in ${round(totalMs)} ms; heap ${memoryAfterBuild.heapUsedMiB} MiB, rss ${memoryAfterBuild.rssMiB} MiB`);

  // --- Answer latency beside the BM25 baseline ----------------------------------------
  const answer = timeLoop(texts, (q) => answerWeight(answerer.answer(q)), options.minAnswers, options.maxLoopMs);
  progress(`answer: p50 ${answer.latencyUs.p50} µs, p99 ${answer.latencyUs.p99} µs over ${answer.latencyUs.n}`);
  const bm25 = createBaseline(procedure);
  const baseline = timeLoop(texts, (q) => answerWeight(bm25.answer(q)), options.minAnswers, options.maxLoopMs);
  progress(`bm25 baseline: p50 ${baseline.latencyUs.p50} µs, p99 ${baseline.latencyUs.p99} µs over ${baseline.latencyUs.n}`);

  // --- Draft checks -------------------------------------------------------------------
  const check = timeLoop(
    drafts,
    (d) => checkDraft(d.text, { account: d.account, ...(d.image ? { image: d.image } : {}) }).findings.length + 1,
    options.minChecks,
    options.maxLoopMs,
  );
  progress(`draft check: p50 ${check.latencyUs.p50} µs, p99 ${check.latencyUs.p99} µs over ${check.latencyUs.n}`);

  if (sink === 0.5) progress('');
  return {
    questions: { count: texts.length, files },
    drafts: { count: drafts.length },
    build: { loadProcedureMs: round(loadProcedureMs), loadKnowledgeMs: round(loadKnowledgeMs), createAnswererMs: round(createAnswererMs), totalMs: round(totalMs) },
    memoryAfterBuild,
    answer,
    baseline,
    answerToBaseline: { p50: ratio(answer.latencyUs.p50, baseline.latencyUs.p50), p99: ratio(answer.latencyUs.p99, baseline.latencyUs.p99) },
    check,
  };
}

/**
 * One row of the knowledge-growth table, in its own process (a large answerer's memory must
 * not linger into the next row, and a row that takes too long can be stopped by the parent).
 */
export function runScale(count: number, options: Pick<InProcessOptions, 'minAnswers' | 'maxLoopMs'>, progress: (line: string) => void = () => undefined): ScaleRow {
  const texts = loadEvalQuestions().questions.map((q) => q.text);
  const procedure = loadProcedure();
  const knowledge = loadKnowledge(procedure);
  const s0 = process.hrtime.bigint();
  const synthetic = synthesize(procedure, knowledge, count);
  const synthMs = elapsedMs(s0);
  fullGc();
  const memBefore = process.memoryUsage();
  progress(`${count} procedure(s): ${synthetic.procedure.clauses.length} clauses, ${synthetic.knowledge.entries.length} entries; building`);
  const b0 = process.hrtime.bigint();
  const scaled: Answerer = createAnswerer(synthetic.procedure, synthetic.knowledge);
  const buildMs = elapsedMs(b0);
  fullGc();
  const memAfter = process.memoryUsage();
  const heapDeltaMiB = mib(memAfter.heapUsed - memBefore.heapUsed);
  const arrayBuffersDeltaMiB = mib(memAfter.arrayBuffers - memBefore.arrayBuffers);
  progress(`${count} procedure(s): built in ${round(buildMs)} ms, heap +${heapDeltaMiB} MiB, array buffers +${arrayBuffersDeltaMiB} MiB; timing answers`);
  const loop = timeLoop(texts, (q) => answerWeight(scaled.answer(q)), options.minAnswers, options.maxLoopMs);
  // The real procedure alone, for "same answer %": built after the measurements so it
  // weighs on none of them.
  const real = createAnswerer(procedure, knowledge);
  const reference = texts.map((q) => real.answer(q));
  let same = 0;
  let realTop = 0;
  texts.forEach((q, i) => {
    const got = scaled.answer(q);
    const ref = reference[i]!;
    const top = got.clauses[0] ? synthetic.origin.get(got.clauses[0]) : undefined;
    if (!got.clauses[0] || top?.code === '') realTop++;
    if (got.verdict === ref.verdict && (got.clauses[0] ?? '') === (ref.clauses[0] ?? '')) same++;
  });
  if (sink === 0.5) progress('');
  return {
    procedures: count,
    clauses: synthetic.procedure.clauses.length,
    entries: synthetic.knowledge.entries.length,
    synthMs: round(synthMs),
    buildMs: round(buildMs),
    heapDeltaMiB,
    arrayBuffersDeltaMiB,
    rssMiB: mib(process.memoryUsage().rss),
    peakRssMiB: ((peak) => (peak ? mib(peak) : undefined))(peakRssOf(process.pid)),
    latencyUs: loop.latencyUs,
    answers: loop.latencyUs.n,
    cappedByTime: loop.cappedByTime,
    cpuShare: loop.cpuShare,
    sameAnswerPct: round((100 * same) / texts.length),
    realProcedureTopPct: round((100 * realTop) / texts.length),
  };
}
