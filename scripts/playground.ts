import 'dotenv/config';
import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { startApp } from '../src/app';
import { fromRoot } from '../src/paths';

/**
 * `npm run playground`: the bot on its embedded defaults plus Microsoft 365
 * Agents Playground (offline, Teams channel), so anyone can chat with it in a
 * browser without a tenant. Options: --port N for the Playground (default 56150),
 * --no-browser is implied (open the printed address yourself).
 */
export interface Playground {
  botPort: number;
  playgroundPort: number;
  url: string;
  stop(): Promise<void>;
}

export async function startPlayground(opts: { playgroundPort?: number; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<Playground> {
  const env = { ...process.env, ...opts.env };
  const config = loadConfig(env);
  const app = await startApp(config);
  const playgroundPort = opts.playgroundPort ?? 56150;
  const bin = fromRoot('node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
  const child: ChildProcess = spawn(
    bin,
    ['-e', `http://127.0.0.1:${app.port}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, BROWSER: 'none' }, cwd: path.resolve('.') },
  );
  const url = `http://localhost:${playgroundPort}`;
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('Agents Playground did not start within 60 s')), 60_000);
    const poll = async () => {
      try {
        const res = await fetch(url);
        if (res.ok) {
          clearTimeout(deadline);
          return resolve();
        }
      } catch {
        /* not up yet */
      }
      if (child.exitCode !== null) {
        clearTimeout(deadline);
        return reject(new Error(`Agents Playground exited with code ${child.exitCode}`));
      }
      setTimeout(poll, 250);
    };
    void poll();
  });
  if (!opts.quiet) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }
  return {
    botPort: app.port,
    playgroundPort,
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await app.close();
    },
  };
}

if (require.main === module) {
  const portArg = process.argv.indexOf('--port');
  startPlayground({ playgroundPort: portArg > 0 ? Number(process.argv[portArg + 1]) : undefined }).then(
    (p) => {
      process.stdout.write(`\nBot on http://localhost:${p.botPort}/api/messages\nOpen ${p.url} in a browser to chat with it. Ctrl+C stops both.\n\n`);
      const stop = () => void p.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      process.stderr.write(`playground failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
