import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serveParent } from './child';

/**
 * Child entry: one bot under load, alone in its process.
 *   node dist/bench/botChild.js real <connectorUrl>   the real app (startApp), temp SQLite, logs silent;
 *                                                     `seed-approvals` {count} creates pending requests
 *   node dist/bench/botChild.js echo <connectorUrl>   the botbuilder echo baseline
 * It samples its own RSS and heap every 100 ms and watches its event-loop delay, so the
 * parent can read the peak of each scenario, and on `memory` reports memoryUsage() after a
 * forced GC when --expose-gc is set. Each kind loads only its own code (the echo child never
 * loads the app), so the echo bot's memory is a botbuilder bot's memory.
 */
/**
 * Server-side time of each request, from Node's 'request' event (headers parsed) to the
 * response's 'finish', by wrapping http.Server#emit in this child only. Beside the load
 * generator's figures it separates what the bot spends from what the machine adds (the
 * kernel, a CPU-starved client) on a shared box. Bounded: at most CAP samples between reads.
 */
const CAP = 500_000;
const serverTimes = new Float64Array(CAP);
let serverCount = 0;
const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event === 'request') {
    const res = args[1] as http.ServerResponse;
    const t0 = performance.now();
    res.once('finish', () => {
      if (serverCount < CAP) serverTimes[serverCount++] = performance.now() - t0;
    });
  }
  return (originalEmit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
} as typeof http.Server.prototype.emit;

function serverLatency(): { n: number; p50: number; p99: number; max: number } {
  const sorted = serverTimes.slice(0, serverCount).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { n: sorted.length, p50: r2(at(50)), p99: r2(at(99)), max: r2(at(100)) };
}

interface Peak {
  rss: number;
  heapUsed: number;
}

async function main(): Promise<void> {
  const [kind, connectorUrl] = process.argv.slice(2);
  if ((kind !== 'real' && kind !== 'echo') || !connectorUrl) throw new Error('usage: botChild.js real|echo <connectorUrl>');
  const started = process.hrtime.bigint();
  let close: () => Promise<void>;
  let port: number;
  let tmp: string | undefined;
  /** Commands only the real bot answers (seeding pending requests for the approval scenario). */
  const extra: Record<string, (args: unknown) => unknown> = {};
  if (kind === 'real') {
    const [{ startApp }, { loadConfig }, { createLogger }] = await Promise.all([import('../src/app'), import('../src/config'), import('../src/log')]);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-bench-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: tmp,
      DATABASE_URL: `sqlite:${path.join(tmp, 'bench.sqlite')}`,
      DEFAULT_SERVICE_URL: connectorUrl,
      LOG_LEVEL: 'silent',
      SHUTDOWN_GRACE_MS: '2000',
      // A few bench users (and one principal per school approving) send far more than a person
      // can; the per-person turn limit would measure refusals instead of the bot's work.
      TURN_LIMIT_BURST: '1000000000',
    });
    const app = await startApp(config, { log: createLogger('silent') });
    port = app.port;
    close = () => app.close();
    const { seedApprovals } = await import('./approvals');
    extra['seed-approvals'] = (args) => seedApprovals(app.services, Number((args as { count?: number } | undefined)?.count ?? 0));
  } else {
    const { startEchoBot } = await import('./echoBot');
    const echo = await startEchoBot(0, '127.0.0.1');
    port = echo.port;
    close = () => echo.close();
  }
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;

  const gc = (globalThis as { gc?: () => void }).gc;
  let peak: Peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak.rss = m.rss;
    if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
  };
  const sampler = setInterval(sample, 100);
  sampler.unref();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(sampler);
      loopDelay.disable();
      await close();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    })());

  serveParent(
    {
      ...extra,
      memory: (args) => {
        const forced = Boolean((args as { gc?: boolean } | undefined)?.gc) && typeof gc === 'function';
        if (forced) {
          gc!();
          gc!();
        }
        return { ...process.memoryUsage(), gcForced: forced };
      },
      peak: (args) => {
        sample();
        const ms = (ns: number) => Math.round(ns / 1e4) / 100;
        const result = {
          ...peak,
          eventLoopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
          serverMs: serverLatency(),
        };
        if ((args as { reset?: boolean } | undefined)?.reset) {
          peak = { rss: 0, heapUsed: 0 };
          loopDelay.reset();
          serverCount = 0;
        }
        return result;
      },
    },
    stop,
  );
  process.send?.({ type: 'ready', port, startupMs, memory: process.memoryUsage() });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', error: err instanceof Error ? err.stack ?? err.message : String(err) });
  process.exit(1);
});
