import autocannon from 'autocannon';
import { forkChild, peakRssOf, type BenchChild } from './child';
import type { ConnectorCounts } from './connector';
import type { EvalDraft, EvalQuestion } from './evalData';
import { approvalFromCard, benchUsers, draftCheck, echoTurn, questionTurn, type ApprovalScenario, type PendingApproval, type Scenario, type ScenarioInputs } from './scenarios';
import { mib, ratio, round, withTimeout } from './stats';

/**
 * Issue 7 point 1: load on /api/messages over loopback, the real bot beside a plain
 * botbuilder echo bot, in the same run. Three processes: the bot under load (alone in its
 * child), the connector stand-in (its own child, so answering the bot's replies costs the bot
 * nothing), and this one, which runs autocannon.
 */
export interface HttpOptions {
  connections: number;
  /** Seconds of load per scenario per round. */
  durationS: number;
  /** Seconds of untimed load per scenario before the first round. */
  warmupS: number;
  /**
   * Rounds of echo → question turn → draft check, back to back. These machines are shared:
   * other work comes and goes, and a run of the echo bot a minute apart from the real bot can
   * differ by 3×. Ratios are taken within a round (the scenarios that ran seconds apart) and
   * the median over rounds is reported, so a disturbed round does not decide the result.
   */
  rounds: number;
  users: number;
}

export interface LoadFigures {
  scenario: string;
  target: 'echo' | 'real';
  description: string;
  connections: number;
  durationS: number;
  /** Completed requests (any status). */
  requests: number;
  /** 2xx responses per second: the throughput figure used in the ratios. */
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses that were not the expected answer (invokes only). */
  badResponses: number;
  /** 2xx responses (the turns the replies below should match, give or take those in flight at either end). */
  ok: number;
  /** What reached the connector stand-in during the measured run. */
  replies: { expected: 'card' | 'text' | 'none'; cards: number; texts: number };
  /** Peak RSS / heap of the bot process during this scenario (100 ms samples), MiB. */
  peakRssMiB: number;
  peakHeapMiB: number;
  /**
   * The bot's event-loop delay during the run (perf_hooks, 10 ms resolution): how long a
   * ready callback waited. A long max with a low p99 is a pause (GC, synchronous work).
   */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /**
   * The same requests timed inside the bot, from Node's 'request' event to the response's
   * 'finish': the bot's own share of the latency, without the kernel or the load generator.
   */
  serverMs: { n: number; p50: number; p99: number; max: number };
}

/** One scenario over all rounds. */
export interface ScenarioSummary {
  scenario: string;
  target: 'echo' | 'real';
  description: string;
  runs: LoadFigures[];
  /** Medians over the rounds. */
  rps: number;
  latencyMs: { p50: number; p99: number };
  serverMs: { p50: number; p99: number };
  /** Totals over the rounds. */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  badResponses: number;
  /** Highest over the rounds. */
  peakRssMiB: number;
  loopDelayMaxMs: number;
  /** Median over rounds of this scenario's figure over the echo bot's in the same round. */
  toEcho?: { throughput: number; p99: number; perRound: Array<{ throughput: number; p99: number }> };
}

export interface HttpResult {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  users: number;
  echo: ScenarioSummary;
  scenarios: ScenarioSummary[];
  targets: {
    questionThroughput: { ratio: number; target: string; pass: boolean };
    questionP99: { ratio: number; target: string; pass: boolean };
  };
  bots: {
    echo: { startupMs: number; idleRssMiB: number; peakRssMiB: number | undefined };
    real: { startupMs: number; idleRssMiB: number; peakRssMiB: number | undefined };
  };
}

interface Peak {
  rss: number;
  heapUsed: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  serverMs: { n: number; p50: number; p99: number; max: number };
}

export async function startBot(kind: 'echo' | 'real', connectorUrl: string, execArgv: string[] = []): Promise<BenchChild> {
  return forkChild('botChild.js', { args: [kind, connectorUrl], execArgv, readyTimeoutMs: 60_000 });
}

/** One autocannon run, bounded by its own duration plus a margin. */
export async function load(
  port: number,
  scenario: Scenario,
  options: { connections: number; durationS: number; overallRate?: number },
): Promise<{ result: autocannon.Result; badResponses: number }> {
  let badResponses = 0;
  const check = scenario.responseOk;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: scenario.body() }),
        ...(check
          ? {
              onResponse: (status: number, body: string) => {
                if (status >= 200 && status < 300 && !check(status, body)) badResponses++;
              },
            }
          : {}),
      },
    ],
  });
  const result = await withTimeout(`load on ${scenario.name}`, (options.durationS + 30) * 1000, instance as unknown as Promise<autocannon.Result>);
  return { result, badResponses };
}

async function measure(bot: BenchChild, connector: BenchChild, scenario: Scenario, options: HttpOptions, progress: (line: string) => void): Promise<LoadFigures> {
  const port = bot.ready.port as number;
  await connector.rpc('reset');
  await bot.rpc('peak', { reset: true });
  const { result, badResponses } = await load(port, scenario, { connections: options.connections, durationS: options.durationS });
  const peak = await bot.rpc<Peak>('peak', { reset: true });
  const counts = await connector.rpc<ConnectorCounts>('counts');
  const ok = result['2xx'];
  const figures: LoadFigures = {
    scenario: scenario.name,
    target: scenario.target,
    description: scenario.description,
    connections: options.connections,
    durationS: round(result.duration, 2),
    requests: result.requests.total,
    rps: round(ok / result.duration, 1),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean, 2),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    badResponses,
    ok,
    replies: { expected: scenario.expectReply, cards: counts.cards, texts: counts.texts },
    peakRssMiB: mib(peak.rss),
    peakHeapMiB: mib(peak.heapUsed),
    eventLoopDelayMs: peak.eventLoopDelayMs,
    serverMs: peak.serverMs,
  };
  progress(
    `${scenario.name}: ${figures.rps} req/s, p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}` +
      `, replies ${counts.cards} cards / ${counts.texts} texts, peak RSS ${figures.peakRssMiB} MiB, in-bot p50/p99 ${peak.serverMs.p50}/${peak.serverMs.p99} ms, loop delay p99 ${peak.eventLoopDelayMs.p99} ms max ${peak.eventLoopDelayMs.max} ms`,
  );
  return figures;
}

/** One request of each kind before any load: the bench must measure working turns, not errors. */
async function preflight(bot: BenchChild, connector: BenchChild, scenario: Scenario): Promise<void> {
  await connector.rpc('reset');
  const res = await fetch(`http://127.0.0.1:${bot.ready.port as number}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: scenario.body(),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new Error(`preflight ${scenario.name}: HTTP ${res.status} ${text.slice(0, 300)}`);
  if (scenario.responseOk && !scenario.responseOk(res.status, text)) throw new Error(`preflight ${scenario.name}: unexpected response ${text.slice(0, 300)}`);
  const counts = await connector.rpc<ConnectorCounts>('counts');
  const want = scenario.expectReply;
  const got = want === 'card' ? counts.cards : want === 'text' ? counts.texts : 0;
  if (want !== 'none' && got !== 1) {
    throw new Error(`preflight ${scenario.name}: expected one ${want} reply at the connector, got ${counts.cards} cards / ${counts.texts} texts`);
  }
}

const memoryMiB = (m: unknown) => mib((m as NodeJS.MemoryUsage | undefined)?.rss ?? NaN);

function median(xs: number[]): number {
  const sorted = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarise(scenario: Scenario, runs: LoadFigures[], echo?: LoadFigures[]): ScenarioSummary {
  const sum = (f: (r: LoadFigures) => number) => runs.reduce((a, r) => a + f(r), 0);
  const summary: ScenarioSummary = {
    scenario: scenario.name,
    target: scenario.target,
    description: scenario.description,
    runs,
    rps: round(median(runs.map((r) => r.rps)), 1),
    latencyMs: { p50: round(median(runs.map((r) => r.latencyMs.p50)), 2), p99: round(median(runs.map((r) => r.latencyMs.p99)), 2) },
    serverMs: { p50: round(median(runs.map((r) => r.serverMs.p50)), 2), p99: round(median(runs.map((r) => r.serverMs.p99)), 2) },
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    badResponses: sum((r) => r.badResponses),
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    loopDelayMaxMs: Math.max(...runs.map((r) => r.eventLoopDelayMs.max)),
  };
  if (echo) {
    const perRound = runs.map((r, i) => ({ throughput: ratio(r.rps, echo[i]!.rps), p99: ratio(r.latencyMs.p99, echo[i]!.latencyMs.p99) }));
    summary.toEcho = {
      throughput: round(median(perRound.map((x) => x.throughput)), 3),
      p99: round(median(perRound.map((x) => x.p99)), 3),
      perRound,
    };
  }
  return summary;
}

/** One scenario's part in the run: checked once, warmed up once, measured once per round. */
interface Stage {
  preflight(): Promise<void>;
  warmUp(): Promise<void>;
  measure(): Promise<LoadFigures>;
}

export async function runHttp(
  connector: BenchChild,
  data: { questions: readonly EvalQuestion[]; drafts: readonly EvalDraft[] },
  options: HttpOptions,
  progress: (line: string) => void,
): Promise<HttpResult> {
  const inputs: ScenarioInputs = {
    serviceUrl: connector.ready.url as string,
    users: benchUsers(options.users),
    questions: data.questions,
    drafts: data.drafts,
  };
  const warm = { connections: options.connections, durationS: options.warmupS };

  const onBot = (bot: BenchChild, scenario: Scenario): Stage => ({
    preflight: () => preflight(bot, connector, scenario),
    warmUp: async () => {
      await load(bot.ready.port as number, scenario, warm);
    },
    measure: () => measure(bot, connector, scenario, options, progress),
  });

  /**
   * Approvals use up what they approve, so each round gets a bot of its own, started for
   * it with enough pending requests for its warm-up and its run (seeded through the real
   * request service, untimed) and stopped afterwards, so that the principals' notifications
   * still queued from seeding never run under another scenario's figures. A short probe
   * first says how many to seed; a round that still runs out counts the extra turns as bad
   * responses and says so.
   */
  const approvals = (scenario: ApprovalScenario): Stage => {
    const PROBE = { seeded: 2000, seconds: 2 };
    let rate = 0;
    const withBot = async <T>(count: number, work: (bot: BenchChild) => Promise<T>): Promise<T> => {
      const bot = await startBot('real', inputs.serviceUrl);
      try {
        const started = Date.now();
        scenario.use(await bot.rpc<PendingApproval[]>('seed-approvals', { count }, 600_000));
        progress(`approval bot: ${count} pending requests seeded in ${round((Date.now() - started) / 1000, 1)} s`);
        return await work(bot);
      } finally {
        scenario.use([]);
        await bot.stop();
      }
    };
    return {
      preflight: () =>
        withBot(PROBE.seeded, async (bot) => {
          await preflight(bot, connector, scenario);
          const { result } = await load(bot.ready.port as number, scenario, { connections: options.connections, durationS: PROBE.seconds });
          // Ran dry within the probe: faster than the seeding covers; assume the most that could have been.
          rate = scenario.overdrawn() > 0 ? PROBE.seeded : result['2xx'] / result.duration;
        }),
      warmUp: async () => {},
      measure: () =>
        withBot(Math.ceil(rate * (options.warmupS + options.durationS) * 1.5) + 500, async (bot) => {
          const before = scenario.overdrawn();
          if (options.warmupS > 0) await load(bot.ready.port as number, scenario, warm);
          const figures = await measure(bot, connector, scenario, options, progress);
          rate = Math.max(rate, figures.rps);
          if (scenario.overdrawn() > before) progress(`approval from a card: ran out of pending requests (${scenario.overdrawn() - before} turns refused)`);
          return figures;
        }),
    };
  };

  const echo = await startBot('echo', inputs.serviceUrl);
  let real: BenchChild | undefined;
  try {
    real = await startBot('real', inputs.serviceUrl);
    const echoScenario = echoTurn(inputs);
    const realScenarios: Scenario[] = [questionTurn(inputs), draftCheck(inputs)];
    const approval = approvalFromCard(inputs);
    realScenarios.push(approval);

    const stages: Stage[] = [
      onBot(echo, echoScenario),
      ...realScenarios.slice(0, 2).map((s) => onBot(real!, s)),
      approvals(approval),
    ];
    // Every scenario must work before anything is timed.
    for (const stage of stages) await stage.preflight();
    if (options.warmupS > 0) {
      for (const stage of stages) await stage.warmUp();
      progress(`warmed up (${options.warmupS} s per scenario)`);
    }
    const runs = stages.map(() => [] as LoadFigures[]);
    for (let round = 1; round <= options.rounds; round++) {
      if (options.rounds > 1) progress(`round ${round} of ${options.rounds}`);
      for (let i = 0; i < stages.length; i++) runs[i]!.push(await stages[i]!.measure());
    }

    const echoSummary = summarise(echoScenario, runs[0]!);
    const scenarios = realScenarios.map((s, i) => summarise(s, runs[i + 1]!, runs[0]!));
    const question = scenarios[0]!;
    const tp = question.toEcho!.throughput;
    const p99 = question.toEcho!.p99;
    const clean = question.non2xx === 0 && question.errors === 0;
    const peak = (pid: number) => ((v) => (v ? mib(v) : undefined))(peakRssOf(pid));

    return {
      connections: options.connections,
      durationS: options.durationS,
      warmupS: options.warmupS,
      rounds: options.rounds,
      users: options.users,
      echo: echoSummary,
      scenarios,
      targets: {
        questionThroughput: { ratio: tp, target: '>= 0.70 of echo throughput', pass: clean && tp >= 0.7 },
        questionP99: { ratio: p99, target: '<= 1.5x echo p99', pass: clean && p99 <= 1.5 },
      },
      bots: {
        echo: { startupMs: round(echo.ready.startupMs as number), idleRssMiB: memoryMiB(echo.ready.memory), peakRssMiB: peak(echo.pid) },
        real: { startupMs: round(real.ready.startupMs as number), idleRssMiB: memoryMiB(real.ready.memory), peakRssMiB: peak(real.pid) },
      },
    };
  } finally {
    await Promise.all([echo.stop(), real?.stop()]);
  }
}
