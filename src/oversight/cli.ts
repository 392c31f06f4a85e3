import { loadConfig } from '../config';
import { createLogger } from '../log';
import { loadDirectory } from '../directory';
import { openStore } from '../store/db';
import { OversightRepository } from '../store/oversight';
import { verifyAllHistories } from './audit';
import { CrisisMode } from './crisis';

/**
 * Oversight from the command line, for administrators:
 *
 *   cli audit verify                         checks every request's history chain; exit 1 and
 *                                            the first broken link when one is broken
 *   cli crisis status                        crisis mode now, and its recent changes
 *   cli crisis on "public line" --as EMAIL   (a member of Communications)
 *   cli crisis off --as EMAIL
 */
type Out = (line: string) => void;

export async function auditCommand(args: string[], out: Out, err: Out): Promise<number> {
  if (args[0] !== 'verify') {
    err('usage: cli audit verify [--json]');
    return 2;
  }
  const store = await openStore(loadConfig().databaseUrl);
  try {
    const result = await verifyAllHistories(new OversightRepository(store.db));
    if (args.includes('--json')) {
      out(JSON.stringify(result));
    } else if (result.broken.length === 0) {
      out(`OK: ${result.requests} request histories (${result.events} events) verified; every hash chain holds.`);
    } else {
      out(`BROKEN: the first broken link is ${result.broken[0]!.message}`);
      for (const b of result.broken.slice(1)) out(`also broken: ${b.message}`);
      out(`${result.broken.length} of ${result.requests} request histories are broken; ${result.events} events checked.`);
    }
    return result.broken.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function crisisCommand(args: string[], out: Out, err: Out): Promise<number> {
  const [verb, ...rest] = args;
  if (!['status', 'on', 'off'].includes(verb ?? '')) {
    err('usage: cli crisis status | crisis on "public line" --as EMAIL | crisis off --as EMAIL');
    return 2;
  }
  const config = loadConfig();
  const directory = loadDirectory(config.directoryFile);
  const store = await openStore(config.databaseUrl);
  try {
    const repo = new OversightRepository(store.db);
    const crisis = new CrisisMode({ repo, directory, now: () => new Date(), log: createLogger('silent') });
    if (verb === 'status') {
      const state = await crisis.refresh();
      out(state.on ? `ON since ${state.since} (${state.by}): ${state.publicLine}` : 'OFF');
      for (const e of await crisis.history(10)) out(`  ${e.at}  ${e.action.toUpperCase().padEnd(3)}  ${e.actorName}${e.publicLine ? `  “${e.publicLine}”` : ''}`);
      return 0;
    }
    const email = flag(rest, '--as');
    const person = email ? directory.personByEmail(email) : undefined;
    if (!person) {
      err('--as must name a member of Communications by email, as listed in the directory');
      return 2;
    }
    const line = rest.filter((a, i) => a !== '--as' && rest[i - 1] !== '--as').join(' ');
    const change = verb === 'on' ? await crisis.turnOn({ id: person.id, name: person.name }, line) : await crisis.turnOff({ id: person.id, name: person.name });
    if (!change.ok) {
      err(change.message);
      return 1;
    }
    out(change.state.on ? `Crisis mode is ON: ${change.state.publicLine}` : 'Crisis mode is OFF.');
    return 0;
  } finally {
    await store.close();
  }
}
