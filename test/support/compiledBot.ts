import { spawn, ChildProcess } from 'node:child_process';
import { fromRoot } from '../../src/paths';

/**
 * The compiled bot as `npm start` runs it (dist/, built by the global setup),
 * as a child process whose stdout and stderr are kept: in production those
 * are the logs, so tests that care about what is logged read them here.
 */
export interface CompiledBot {
  child: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
}

export const COMPILED_ENTRY = fromRoot('dist', 'src', 'index.js');

export function runCompiledBot(env: Record<string, string>, cwd: string): CompiledBot {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', COMPILED_ENTRY], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** Waits until the bot answers /readyz, or fails with what it wrote to stderr. */
export async function waitUntilReady(bot: CompiledBot, port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`bot did not become ready: ${bot.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
