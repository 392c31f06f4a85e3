import 'dotenv/config';
import readline from 'node:readline';
import { z } from 'zod';
import { loadProcedure, type Procedure } from './policy/procedure';
import { loadKnowledge } from './policy/knowledge';
import { createAnswerer, Answer } from './policy/answer';
import { chooseLanguage, type Lang } from './i18n/language';
import { fill, strings } from './i18n/strings';
import { answerText, frenchAnswers, type FrenchAnswers } from './i18n/answers';
import { clauseExplanationFr } from './i18n/clauses';
import { findingWords, redactedIn } from './i18n/findings';
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
 *   cli ask --jsonl               {"id","text","locale"?} lines in, answers out
 *   cli check "draft" [--account personal|school|district]
 *   cli check --jsonl             {"id","text","account","locale"?} lines in, results out
 *
 * Answers and checks are in the text's language (French or English); with --jsonl an optional
 * Teams-style "locale" (fr-CA) decides when the text does not, and each line says its "lang".
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

const askLine = z.object({ id: z.union([z.string(), z.number()]), text: z.string(), locale: z.string().optional() });

async function ask(args: string[], out: Out, err: Out, input: NodeJS.ReadableStream): Promise<number> {
  const procedure = loadProcedure();
  const knowledge = loadKnowledge(procedure);
  const answerer = createAnswerer(procedure, knowledge, { onStaleIndex: (message) => void err(`warning: ${message}`) });
  const french = frenchAnswers(knowledge);
  if (args.includes('--jsonl')) {
    let bad = 0;
    bad += await eachJsonLine(input, err, (value, lineNo) => {
      const parsed = askLine.safeParse(value);
      if (!parsed.success) {
        bad += 1;
        return err(`line ${lineNo}: expected {"id","text"} and an optional "locale"`);
      }
      const a = answerer.answer(parsed.data.text);
      const lang = chooseLanguage(parsed.data.text, parsed.data.locale);
      out(JSON.stringify({ id: parsed.data.id, lang, verdict: a.verdict, clauses: a.clauses, answer: answerText(a, lang, procedure, french), confidence: Number(a.confidence.toFixed(4)) }));
    });
    return bad > 0 ? 1 : 0;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    err('usage: cli ask "question"');
    return 2;
  }
  out(formatAnswer(answerer.answer(question), { lang: chooseLanguage(question), procedure, french }));
  return 0;
}

/** An answer for a person to read in a terminal; in French, each English quote has its French explanation under it. */
export function formatAnswer(a: Answer, view?: { lang: Lang; procedure: Procedure; french: FrenchAnswers }): string {
  const lang = view?.lang ?? 'en';
  const s = strings(lang).cli;
  const text = view ? answerText(a, lang, view.procedure, view.french) : a.answer;
  const lines = [`${s.answerVerdicts[a.verdict]}  (${fill(s.confidence, { percent: Math.round(a.confidence * 100) })})`, '', text, ''];
  for (const q of a.quotes) {
    lines.push(`  ${q.id}: “${q.text}”`);
    const explanation = view && lang === 'fr' ? clauseExplanationFr(view.procedure, q.id) : null;
    if (explanation) lines.push(`  → ${explanation}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

const checkLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  account: z.enum(['personal', 'school', 'district']).default('personal'),
  locale: z.string().optional(),
});

async function check(args: string[], out: Out, err: Out, input: NodeJS.ReadableStream): Promise<number> {
  if (args.includes('--jsonl')) {
    let bad = 0;
    bad += await eachJsonLine(input, err, (value, lineNo) => {
      const parsed = checkLine.safeParse(value);
      if (!parsed.success) {
        bad += 1;
        return err(`line ${lineNo}: expected {"id","text","account"} with account personal, school or district, and an optional "locale"`);
      }
      const r = checkDraft(parsed.data.text, { account: parsed.data.account });
      out(
        JSON.stringify({
          id: parsed.data.id,
          lang: chooseLanguage(parsed.data.text, parsed.data.locale),
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
  out(formatCheck(draft, checkDraft(draft, { account }), chooseLanguage(draft)));
  return 0;
}

export function formatCheck(draft: string, r: CheckResult, lang: Lang = 'en'): string {
  const s = strings(lang).cli;
  const lines = [s.checkHeads[r.verdict], ''];
  for (const f of r.findings) {
    const words = findingWords(f, lang);
    lines.push(`- ${f.clause} ${f.kind}${f.end > f.start ? `: “${draft.slice(f.start, f.end)}”` : ''}`, `  ${words.message}`, `  ${fill(s.fix, { fix: words.fix })}`);
  }
  if (r.redacted) lines.push('', s.suggested, redactedIn(r.redacted, lang));
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
