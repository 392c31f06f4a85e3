import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Bench children (the bots, the connector stand-in, the in-process figures) are forked from
 * the compiled bench so that each is measured alone: its own heap, its own RSS, its own event
 * loop, and the load generator never shares a thread with what it loads.
 *
 * Protocol: the child sends `{ type: 'ready', ... }` once, then answers `{ id, cmd, args }` with
 * `{ id, ok, data | error }`. Anything else it sends is an event (`progress`, `result`, `error`).
 */
export interface ChildMessage {
  type?: string;
  id?: number;
  ok?: boolean;
  data?: unknown;
  error?: string;
  [key: string]: unknown;
}

export interface BenchChild {
  process: ChildProcess;
  pid: number;
  /** The child's `ready` message. */
  ready: ChildMessage;
  rpc<T = unknown>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Resolves with the first event of this type (or rejects on exit / timeout). */
  next(type: string, timeoutMs: number): Promise<ChildMessage>;
  onEvent(listener: (message: ChildMessage) => void): void;
  /** Asks the child to stop, then kills it (this child only) if it has not exited in time. */
  stop(timeoutMs?: number): Promise<void>;
  stderr(): string;
}

export interface ForkOptions {
  args?: string[];
  execArgv?: string[];
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Keeps the last few KB of a child's stderr, for the error message if it fails. */
function tail(limit = 8192) {
  let text = '';
  return {
    push: (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-limit);
    },
    get: () => text,
  };
}

export async function forkChild(script: string, options: ForkOptions = {}): Promise<BenchChild> {
  const file = path.join(__dirname, script);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  const child = fork(file, options.args ?? [], {
    execArgv: ['--disable-warning=DEP0111', ...(options.execArgv ?? [])],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: options.env ?? process.env,
  });
  const errors = tail();
  child.stderr?.on('data', errors.push);
  // A send racing the child's exit (EPIPE) must not become an unhandled 'error' event.
  child.on('error', (err) => errors.push(Buffer.from(`\n[child error] ${err.message}\n`)));
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const listeners: Array<(m: ChildMessage) => void> = [];
  let exited: string | undefined;

  child.on('message', (raw) => {
    const message = raw as ChildMessage;
    if (typeof message.id === 'number' && pending.has(message.id)) {
      const p = pending.get(message.id)!;
      pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.ok) p.resolve(message.data);
      else p.reject(new Error(`${script}: ${message.error ?? 'failed'}`));
      return;
    }
    for (const l of [...listeners]) l(message);
  });
  child.on('exit', (code, signal) => {
    exited = `${script} exited (${signal ?? code})${errors.get() ? `: ${errors.get().trim().split('\n').slice(-5).join(' | ')}` : ''}`;
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(exited));
    }
    pending.clear();
    for (const l of [...listeners]) l({ type: '__exit' });
  });

  const next = (type: string, timeoutMs: number) =>
    new Promise<ChildMessage>((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`${script}: no ${type} within ${Math.round(timeoutMs / 1000)} s${errors.get() ? `; stderr: ${errors.get().trim().slice(-500)}` : ''}`));
      }, timeoutMs);
      const listener = (m: ChildMessage) => {
        if (m.type === '__exit') {
          remove();
          reject(new Error(exited ?? `${script} exited`));
        } else if (m.type === 'error') {
          remove();
          reject(new Error(`${script}: ${String(m.error)}`));
        } else if (m.type === type) {
          remove();
          resolve(m);
        }
      };
      const remove = () => {
        clearTimeout(timer);
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
      listeners.push(listener);
    });

  let ready: ChildMessage;
  try {
    ready = await next('ready', options.readyTimeoutMs ?? 30_000);
  } catch (err) {
    if (!exited) child.kill('SIGKILL');
    throw err;
  }

  const handle: BenchChild = {
    process: child,
    pid: child.pid!,
    ready,
    rpc: <T>(cmd: string, args?: unknown, timeoutMs = 30_000) =>
      new Promise<T>((resolve, reject) => {
        if (exited) return reject(new Error(exited));
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script}: ${cmd} got no answer within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        child.send({ id, cmd, args }, (err) => {
          if (!err) return;
          clearTimeout(timer);
          pending.delete(id);
          reject(new Error(`${script}: ${cmd} could not be sent: ${err.message}`));
        });
      }),
    next,
    onEvent: (listener) => listeners.push(listener),
    stop: async (timeoutMs = 10_000) => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) {
        // The channel may close before the message goes; the kill below still applies.
        child.send({ id: nextId++, cmd: 'stop' }, (err) => void err);
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await gone;
      clearTimeout(timer);
    },
    stderr: () => errors.get(),
  };
  return handle;
}

/**
 * Child side: answers the parent's commands with `handlers`. `stop` is always understood:
 * it runs `onStop` and exits.
 */
export function serveParent(handlers: Record<string, (args: unknown) => unknown | Promise<unknown>>, onStop: () => Promise<void>): void {
  process.on('message', (raw) => {
    const { id, cmd, args } = raw as { id: number; cmd: string; args?: unknown };
    if (cmd === 'stop') {
      onStop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
      return;
    }
    const handler = handlers[cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${cmd}`);
        return handler(args);
      })
      .then(
        (data) => process.send?.({ id, ok: true, data }),
        (err: unknown) => process.send?.({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  // If the parent goes away, so does the child: no orphaned servers.
  process.on('disconnect', () => {
    onStop().finally(() => process.exit(0));
  });
}

/** Peak RSS of a process so far (Linux VmHWM), in bytes; undefined elsewhere. */
export function peakRssOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
