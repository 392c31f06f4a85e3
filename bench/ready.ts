import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../src/paths';
import { round, sleep } from './stats';

/**
 * Ready-time (issue 7 point 2): from spawning the compiled bot (`node dist/src/index.js`, in a
 * fresh temporary working directory with PORT set, so it creates and migrates its own SQLite
 * database as on a first start) to the first 200 from /readyz.
 */
export interface ReadyResult {
  runsMs: number[];
  medianMs: number;
  maxMs: number;
  targetMs: number;
  pass: boolean;
  command: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function readyz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function once(entry: string, timeoutMs: number): Promise<number> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-ready-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: cwd, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  let stderr = '';
  const start = performance.now();
  const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  let exited: number | null | undefined;
  const gone = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`the bot exited (${exited}) before it was ready: ${stderr.trim().slice(-500)}`);
      if ((await readyz(port)) === 200) return performance.now() - start;
      if (performance.now() - start > timeoutMs) throw new Error(`not ready within ${timeoutMs} ms: ${stderr.trim().slice(-500)}`);
      await sleep(5);
    }
  } finally {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

export async function measureReady(runs: number, targetMs = 2000, timeoutMs = 20_000): Promise<ReadyResult> {
  const entry = fromRoot('dist', 'src', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) runsMs.push(round(await once(entry, timeoutMs), 1));
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)]!;
  const maxMs = sorted[sorted.length - 1]!;
  return { runsMs, medianMs, maxMs, targetMs, pass: maxMs <= targetMs, command: 'node dist/src/index.js (fresh temp cwd and SQLite database, PORT set)' };
}
