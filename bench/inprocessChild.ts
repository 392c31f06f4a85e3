import { runInProcess, runScale, type InProcessOptions } from './inprocess';

/**
 * Child entry for the in-process figures, started with --expose-gc:
 *   node dist/bench/inprocessChild.js core '<options json>'
 *   node dist/bench/inprocessChild.js scale <procedures> '<options json>'
 * Progress goes to the parent as IPC messages; the result is the last one.
 */
function main(): void {
  const [mode, ...rest] = process.argv.slice(2);
  const send = (message: unknown) => (process.send ? process.send(message) : process.stdout.write(JSON.stringify(message) + '\n'));
  const progress = (line: string) => send({ type: 'progress', line });
  send({ type: 'ready' });
  try {
    if (mode === 'core') {
      send({ type: 'result', result: runInProcess(JSON.parse(rest[0] ?? '{}') as InProcessOptions, progress) });
    } else if (mode === 'scale') {
      send({ type: 'result', result: runScale(Number(rest[0]), JSON.parse(rest[1] ?? '{}') as InProcessOptions, progress) });
    } else {
      throw new Error('usage: inprocessChild.js core <json> | scale <n> <json>');
    }
  } catch (err) {
    send({ type: 'error', error: err instanceof Error ? err.stack ?? err.message : String(err) });
    process.exitCode = 1;
  }
  process.disconnect?.();
}

main();
