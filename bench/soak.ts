import type { BenchChild } from './child';
import type { ConnectorCounts } from './connector';
import type { EvalQuestion } from './evalData';
import { load, startBot } from './http';
import { benchUsers, questionTurn } from './scenarios';
import { mib, round } from './stats';

/**
 * The memory soak (issue 7 point 2): question turns at a moderate, fixed rate for five
 * minutes against the real bot in a child started with --expose-gc; every 10 s the child
 * collects garbage and reports its memory. Growth compares the mean of the first minute's
 * samples with the mean of the last minute's.
 */
export interface SoakOptions {
  seconds: number;
  sampleEveryS: number;
  connections: number;
  /** Requests per second across all connections. */
  rate: number;
  warmupS: number;
  users: number;
}

export interface SoakSample {
  atS: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

export interface SoakResult {
  seconds: number;
  rate: number;
  connections: number;
  gcForced: boolean;
  samples: SoakSample[];
  requests: number;
  rps: number;
  latencyMs: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  replies: { cards: number; texts: number };
  growth: { rssPct: number; heapUsedPct: number; window: string };
  target: string;
  pass: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);

export async function runSoak(connector: BenchChild, questions: readonly EvalQuestion[], options: SoakOptions, progress: (line: string) => void): Promise<SoakResult> {
  const bot = await startBot('real', connector.ready.url as string, ['--expose-gc']);
  try {
    const scenario = questionTurn({ serviceUrl: connector.ready.url as string, users: benchUsers(options.users), questions, drafts: [] });
    const port = bot.ready.port as number;
    if (options.warmupS > 0) await load(port, scenario, { connections: options.connections, durationS: options.warmupS, overallRate: options.rate });
    await connector.rpc('reset');

    const samples: SoakSample[] = [];
    let gcForced = false;
    const started = Date.now();
    const take = async () => {
      const m = await bot.rpc<NodeJS.MemoryUsage & { gcForced: boolean }>('memory', { gc: true });
      gcForced = m.gcForced;
      const sample = { atS: round((Date.now() - started) / 1000, 1), rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed), heapTotalMiB: mib(m.heapTotal), externalMiB: mib(m.external) };
      samples.push(sample);
      progress(`soak t=${sample.atS}s rss ${sample.rssMiB} MiB heap ${sample.heapUsedMiB} MiB`);
    };
    let sampling = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(take).catch((err: unknown) => progress(`soak sample failed: ${err instanceof Error ? err.message : String(err)}`));
    }, options.sampleEveryS * 1000);
    let loadResult;
    try {
      loadResult = await load(port, scenario, { connections: options.connections, durationS: options.seconds, overallRate: options.rate });
    } finally {
      clearInterval(timer);
      await sampling;
    }
    // The final sample, at the end of the last minute (unless the timer just took one).
    const lastAt = samples[samples.length - 1]?.atS ?? 0;
    if ((Date.now() - started) / 1000 - lastAt > options.sampleEveryS / 2) await take();
    const counts = await connector.rpc<ConnectorCounts>('counts');
    const { result } = loadResult;

    // "A minute" of samples at each end (a quarter of the run when it is shorter than 4 minutes).
    const window = Math.min(60, options.seconds / 4);
    const perWindow = Math.max(1, Math.round(window / options.sampleEveryS));
    const first = samples.slice(0, perWindow);
    const last = samples.slice(-perWindow);
    const minute = round(perWindow * options.sampleEveryS, 0);
    const growth = (f: (s: SoakSample) => number) => round((100 * (mean(last.map(f)) - mean(first.map(f)))) / mean(first.map(f)), 1);
    const rssPct = growth((s) => s.rssMiB);
    const heapUsedPct = growth((s) => s.heapUsedMiB);
    return {
      seconds: options.seconds,
      rate: options.rate,
      connections: options.connections,
      gcForced,
      samples,
      requests: result.requests.total,
      rps: round(result['2xx'] / result.duration, 1),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
      non2xx: result.non2xx,
      errors: result.errors,
      replies: { cards: counts.cards, texts: counts.texts },
      growth: { rssPct, heapUsedPct, window: `mean of the first ${perWindow} samples (first ${minute} s) vs the last ${perWindow} (last ${minute} s)` },
      target: '< 10% growth (RSS and heap used)',
      pass: rssPct < 10 && heapUsedPct < 10 && result.non2xx === 0,
    };
  } finally {
    await bot.stop();
  }
}
