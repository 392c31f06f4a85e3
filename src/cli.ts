import 'dotenv/config';
import readline from 'node:readline';
import { z } from 'zod';
import { loadProcedure } from './policy/procedure';
import { loadKnowledge } from './policy/knowledge';
import { createAnswerer, Answer } from './policy/answer';
import { checkDraft, CHECK_DRAFT_LIMIT, CheckResult } from './policy/check';
import type { Account } from './policy/detectors/types';
import { loadConfig } from './config';
import { openStore } from './store/db';
import { QuestionRepository, QuestionStatus } from './store/questions';
import { createServices } from './services';
import { createLogger } from './log';
import { DeliveryError, type Messenger } from './notify/messenger';
import { requestsCommand } from './cli/requests';
import { OutboxRepository } from './store/outbox';
import { auditCommand, crisisCommand } from './oversight/cli';

/**
 * The same services without Teams, for administrators and for evaluation.
 * stdout carries results only (one JSON line per input with --jsonl);
 * problems go to stderr, so the output can be piped and scored.
 *
 *   cli ask "question"            an answer for a person to read
 *   cli ask --jsonl               {"id","text"} lines in, answers out
 *   cli check "draft" [--account personal|school|district]
 *   cli check --jsonl             {"id","text","account"} lines in, results out
 *   cli questions list [--status S] [--json]
 *   cli requests list [--status S] [--json] | requests show ID
 *   cli outbox retry ID | outbox retry --all
 */
type Out = (line: string) => void;

const USAGE = `usage:
  cli ask "question" | ask --jsonl
  cli check "draft" [--account personal|school|district] | check --jsonl
  cli questions list [--status answered-by-bot|asked-communications|answered-by-communications] [--json]
  cli requests list [--status S] [--json] | requests show ID
  cli outbox retry ID | outbox retry --all    (send dead letters again)
  cli audit verify [--json]
  cli crisis status | crisis on "public line" --as EMAIL | crisis off --as EMAIL`;

export async function runCli(argv: string[], out: Out, err: Out, input: NodeJS.ReadableStream): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ask':
      return ask(rest, out, err, input);
    case 'check':
      return check(rest, out, err, input);
    case 'questions':
      return questions(rest, out, err);
    case 'requests':
      return requests(rest, out, err);
    case 'outbox':
      return outbox(rest, out, err);
    case 'audit':
      return auditCommand(rest, out, err);
    case 'crisis':
      return crisisCommand(rest, out, err);
    default:
      err(USAGE);
      return 2;
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Reads JSON lines, answering each as it comes; a bad line gets an error line with its number, never a crash. */
async function eachJsonLine(input: NodeJS.ReadableStream, err: Out, handle: (value: unknown, lineNo: number) => void): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad += 1;
      err(`line ${lineNo}: not valid JSON`);
      continue;
    }
    handle(value, lineNo);
  }
  return bad;
}

const askLine = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

async function ask(args: string[], out: Out, err: Out, input: NodeJS.ReadableStream): Promise<number> {
  const procedure = loadProcedure();
  const answerer = createAnswerer(procedure, loadKnowledge(procedure));
  if (args.includes('--jsonl')) {
    let bad = 0;
    bad += await eachJsonLine(input, err, (value, lineNo) => {
      const parsed = askLine.safeParse(value);
      if (!parsed.success) {
        bad += 1;
        return err(`line ${lineNo}: expected {"id","text"}`);
      }
      const a = answerer.answer(parsed.data.text);
      out(JSON.stringify({ id: parsed.data.id, verdict: a.verdict, clauses: a.clauses, answer: a.answer, confidence: Number(a.confidence.toFixed(4)) }));
    });
    return bad > 0 ? 1 : 0;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    err('usage: cli ask "question"');
    return 2;
  }
  out(formatAnswer(answerer.answer(question)));
  return 0;
}

const VERDICT_WORDS: Record<Answer['verdict'], string> = {
  allowed: 'ALLOWED',
  'not-allowed': 'NOT ALLOWED',
  'needs-permission': 'NEEDS WRITTEN PERMISSION',
  conditional: 'IT DEPENDS',
  info: 'INFORMATION',
  unknown: 'NOT SURE: ask Communications (clause 4.4)',
};

export function formatAnswer(a: Answer): string {
  const lines = [`${VERDICT_WORDS[a.verdict]}  (confidence ${Math.round(a.confidence * 100)}%)`, '', a.answer, ''];
  for (const q of a.quotes) lines.push(`  ${q.id}: “${q.text}”`, '');
  return lines.join('\n').trimEnd();
}

const checkLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  account: z.enum(['personal', 'school', 'district']).default('personal'),
});

async function check(args: string[], out: Out, err: Out, input: NodeJS.ReadableStream): Promise<number> {
  if (args.includes('--jsonl')) {
    let bad = 0;
    bad += await eachJsonLine(input, err, (value, lineNo) => {
      const parsed = checkLine.safeParse(value);
      if (!parsed.success) {
        bad += 1;
        return err(`line ${lineNo}: expected {"id","text","account"} with account personal, school or district`);
      }
      const r = checkDraft(parsed.data.text, { account: parsed.data.account });
      out(
        JSON.stringify({
          id: parsed.data.id,
          verdict: r.verdict,
          clauses: r.clauses,
          findings: r.findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end, clause: f.clause })),
        }),
      );
    });
    return bad > 0 ? 1 : 0;
  }
  const account = (flag(args, '--account') ?? 'personal') as Account;
  if (!['personal', 'school', 'district'].includes(account)) {
    err('--account must be personal, school or district');
    return 2;
  }
  const draft = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--account').join(' ').trim();
  if (!draft) {
    err('usage: cli check "draft" [--account personal|school|district]');
    return 2;
  }
  if (draft.length > CHECK_DRAFT_LIMIT) {
    err(`the draft is ${draft.length} characters; the limit is ${CHECK_DRAFT_LIMIT}`);
    return 2;
  }
  out(formatCheck(draft, checkDraft(draft, { account })));
  return 0;
}

export function formatCheck(draft: string, r: CheckResult): string {
  const head: Record<CheckResult['verdict'], string> = {
    ok: 'OK to post: nothing in it breaks the procedure.',
    'needs-permission': 'NEEDS WRITTEN PERMISSION before posting.',
    'not-allowed': 'NOT ALLOWED as written.',
    'ask-communications': 'ASK COMMUNICATIONS: they speak for the district in a crisis (clause 3.2).',
  };
  const lines = [head[r.verdict], ''];
  for (const f of r.findings) {
    lines.push(`- ${f.clause} ${f.kind}${f.end > f.start ? `: “${draft.slice(f.start, f.end)}”` : ''}`, `  ${f.message}`, `  Fix: ${f.fix}`);
  }
  if (r.redacted) lines.push('', 'Suggested version:', r.redacted);
  return lines.join('\n').trimEnd();
}

async function questions(args: string[], out: Out, err: Out): Promise<number> {
  if (args[0] !== 'list') {
    err('usage: cli questions list [--status S] [--json]');
    return 2;
  }
  const status = flag(args, '--status') as QuestionStatus | undefined;
  if (status && !['answered-by-bot', 'asked-communications', 'answered-by-communications'].includes(status)) {
    err('--status must be answered-by-bot, asked-communications or answered-by-communications');
    return 2;
  }
  const store = await openStore(loadConfig().databaseUrl);
  try {
    const list = await new QuestionRepository(store.db).list({ status });
    if (args.includes('--json')) {
      for (const q of list) out(JSON.stringify(q));
    } else {
      if (list.length === 0) out('No questions yet.');
      for (const q of list) {
        out(`${q.createdAt.slice(0, 16).replace('T', ' ')}  ${q.status}  ${q.verdict}  ${q.clauses.slice(0, 3).join(',')}  ${q.helpful === null ? '' : q.helpful ? 'helpful' : 'not helpful'}`);
        out(`  Q: ${q.text}`);
        if (q.answer) out(`  A (${q.answeredBy ?? 'Communications'}): ${q.answer}`);
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * The CLI reads the same store with the same services as the bot, but never
 * sends anything: its messenger refuses, so a CLI command cannot post to Teams.
 */
const noMessenger: Messenger = {
  sendToPerson: () => Promise.reject(new DeliveryError('the CLI does not send messages', undefined, undefined, true)),
  sendToConversation: () => Promise.reject(new DeliveryError('the CLI does not send messages', undefined, undefined, true)),
  sendToChannel: () => Promise.reject(new DeliveryError('the CLI does not send messages', undefined, undefined, true)),
  update: () => Promise.reject(new DeliveryError('the CLI does not send messages', undefined, undefined, true)),
  teamsUserIdsOf: async () => ({}),
};

async function requests(args: string[], out: Out, err: Out): Promise<number> {
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    const services = createServices({ config, log: createLogger('silent'), now: () => new Date(), store, messenger: () => noMessenger });
    // Results go to stdout; the usage text of a bad call goes to stderr.
    const lines: string[] = [];
    const code = await requestsCommand(services, args, (line) => lines.push(line));
    for (const line of lines) (code === 2 ? err : out)(line);
    return code;
  } finally {
    await store.close();
  }
}

/**
 * Puts dead letters (`requests show` lists them with their last error) back
 * in the queue; the running bot delivers them on its next poll. The CLI only
 * changes the table: it never sends anything itself.
 */
async function outbox(args: string[], out: Out, err: Out): Promise<number> {
  const [verb, target, ...extra] = args;
  if (verb !== 'retry' || !target || extra.length > 0) {
    err(USAGE);
    return 2;
  }
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    const rows = await new OutboxRepository(store.db, store.dialect).resend(target === '--all' ? 'all-dead' : [target], new Date().toISOString());
    if (rows.length === 0 && target !== '--all') {
      err(`${target} is not a dead letter (see requests show ID for a request's notifications)`);
      return 1;
    }
    for (const r of rows) out(`resent ${r.id} ${r.kind}`);
    out(`${rows.length} dead letter${rows.length === 1 ? '' : 's'} queued again`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  const write = (stream: NodeJS.WriteStream) => (line: string) => stream.write(`${line}\n`);
  runCli(process.argv.slice(2), write(process.stdout), write(process.stderr), process.stdin).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
