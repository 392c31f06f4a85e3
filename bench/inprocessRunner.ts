import { forkChild, peakRssOf } from './child';
import type { InProcessOptions, InProcessResult, ScaleRow } from './inprocess';
import { mib, round } from './stats';

/**
 * Parent side of the in-process figures: each part in a fresh child with --expose-gc, bounded
 * in time. A knowledge-growth row that runs past its budget is stopped and reported as such,
 * with how long it ran and how much memory it had taken, rather than stalling the bench.
 */
export type ScaleOutcome =
  | ({ status: 'ok' } & ScaleRow)
  | { status: 'timeout' | 'failed'; procedures: number; ranMs: number; peakRssMiB?: number; lastProgress?: string; error?: string };

async function inChild<T>(args: string[], timeoutMs: number, progress: (line: string) => void): Promise<{ result?: T; ranMs: number; peakRssMiB?: number; lastProgress?: string; error?: string; timedOut: boolean }> {
  const started = Date.now();
  const child = await forkChild('inprocessChild.js', { args, execArgv: ['--expose-gc'], readyTimeoutMs: 30_000 });
  let lastProgress: string | undefined;
  child.onEvent((m) => {
    if (m.type === 'progress' && typeof m.line === 'string') {
      lastProgress = m.line;
      progress(m.line);
    }
  });
  try {
    const message = await child.next('result', timeoutMs);
    return { result: message.result as T, ranMs: Date.now() - started, lastProgress, timedOut: false };
  } catch (err) {
    const peak = peakRssOf(child.pid);
    const timedOut = /no result within/.test(String(err));
    return {
      ranMs: Date.now() - started,
      ...(peak ? { peakRssMiB: mib(peak) } : {}),
      lastProgress,
      error: err instanceof Error ? err.message.slice(0, 500) : String(err),
      timedOut,
    };
  } finally {
    // stop() kills this one child if it has not exited by itself.
    await child.stop(2000);
  }
}

export async function runCoreInChild(options: InProcessOptions, timeoutMs: number, progress: (line: string) => void): Promise<InProcessResult> {
  const out = await inChild<InProcessResult>(['core', JSON.stringify(options)], timeoutMs, progress);
  if (!out.result) throw new Error(`in-process figures failed: ${out.error ?? 'no result'}`);
  return out.result;
}

export async function runScaleInChild(count: number, options: Pick<InProcessOptions, 'minAnswers' | 'maxLoopMs'>, timeoutMs: number, progress: (line: string) => void): Promise<ScaleOutcome> {
  const out = await inChild<ScaleRow>(['scale', String(count), JSON.stringify(options)], timeoutMs, progress);
  if (out.result) return { status: 'ok', ...out.result };
  return {
    status: out.timedOut ? 'timeout' : 'failed',
    procedures: count,
    ranMs: round(out.ranMs, 0),
    ...(out.peakRssMiB !== undefined ? { peakRssMiB: out.peakRssMiB } : {}),
    ...(out.lastProgress ? { lastProgress: out.lastProgress } : {}),
    ...(out.error ? { error: out.error } : {}),
  };
}
