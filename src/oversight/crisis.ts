import type { Directory } from '../directory/types';
import { isCommunications } from '../directory/queries';
import type { Log } from '../log';
import { crisis as crisisDetector } from '../policy/detectors/crisis';
import type { CrisisEntry, OversightRepository } from '../store/oversight';

/**
 * Crisis mode (3.2): while a crisis or emergency is under way, Communications
 * handles all public communication about it. A member of Communications turns
 * the mode on with a short public line and off again; each change is kept
 * with who made it and when. While it is on, staff asking or checking a post
 * about the event are told not to post, the welcome card carries the line,
 * and new requests should go to Communications (see crisisActive()).
 *
 * The current state is kept in memory so that card rendering and request
 * routing can ask synchronously; it is read from the database at start-up,
 * after every change made here, and every few seconds so that another
 * instance's change arrives promptly.
 */
export interface CrisisState {
  on: boolean;
  publicLine: string | null;
  keywords: string[];
  since: string | null;
  by: string | null;
}

export const CRISIS_LINE_MAX = 280;
const OFF: CrisisState = { on: false, publicLine: null, keywords: [], since: null, by: null };

export type CrisisRefusal = 'not-communications' | 'line-required' | 'line-too-long' | 'already-off';

export type CrisisChange = { ok: true; state: CrisisState; entry: CrisisEntry } | { ok: false; reason: CrisisRefusal; message: string };

/** Words too common in school life to say that a question is about this particular event. */
const COMMON_WORDS = new Set(
  (
    'about after again all also and are because been before being board both but can class classes could day district does during each from have here home into just more morning afternoon evening ' +
    'night only other our over parents please public safe safely school schools secondary elementary some staff student students such than that the their them then there these they this those ' +
    'through today tomorrow under until update updates very were what when where which while will with would your yesterday information families family everyone community'
  ).split(' '),
);

/** The words of a public line that pick out the event ("Riverside", "evacuation"), for matching questions to it. */
export function keywordsOf(line: string): string[] {
  const words = line.toLowerCase().normalize('NFC').match(/\p{L}[\p{L}'-]{3,}/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/'s$/, '')).filter((w) => !COMMON_WORDS.has(w)))].slice(0, 20);
}

export function cleanKeywords(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3 && w.length <= 40))].slice(0, 20);
}

/**
 * Whether a question or draft is about the event: it names one of the event's
 * words, describes a crisis (the draft checks' crisis detector), or the bot's
 * answer rests on clause 3.2.
 */
export function aboutCrisis(state: CrisisState, text: string, clauses: readonly string[] = []): boolean {
  if (!state.on) return false;
  if (clauses.some((c) => c === '3.2' || c.startsWith('3.2('))) return true;
  const lower = text.toLowerCase().normalize('NFC');
  if (state.keywords.some((k) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(k)}`, 'u').test(lower))) return true;
  return crisisDetector.detect(text, { account: 'personal' }).length > 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function stateOf(latest: CrisisEntry | undefined): CrisisState {
  if (!latest || latest.action === 'off') return OFF;
  return { on: true, publicLine: latest.publicLine, keywords: latest.keywords, since: latest.at, by: latest.actorName };
}

export interface CrisisModeDeps {
  repo: OversightRepository;
  directory: Directory;
  now: () => Date;
  log: Log;
}

export class CrisisMode {
  private state: CrisisState = OFF;

  constructor(private readonly deps: CrisisModeDeps) {}

  /** What is known now, without waiting for the database. */
  current(): CrisisState {
    return this.state;
  }

  /** What request routing consults: while true, new requests should go to Communications. */
  active(): boolean {
    return this.state.on;
  }

  async refresh(): Promise<CrisisState> {
    const [latest] = await this.deps.repo.crisisLog(1);
    this.state = stateOf(latest);
    return this.state;
  }

  history(limit = 20): Promise<CrisisEntry[]> {
    return this.deps.repo.crisisLog(limit);
  }

  async turnOn(actor: { id: string; name: string }, rawLine: string, keywords?: readonly string[]): Promise<CrisisChange> {
    if (!isCommunications(this.deps.directory, actor.id)) return refuse('not-communications');
    const line = rawLine.replace(/\s+/g, ' ').trim();
    if (line === '') return refuse('line-required');
    if (line.length > CRISIS_LINE_MAX) return refuse('line-too-long');
    const words = keywords && keywords.length > 0 ? cleanKeywords(keywords) : keywordsOf(line);
    const entry = await this.deps.repo.appendCrisis({ action: 'on', publicLine: line, keywords: words, actorId: actor.id.toLowerCase(), actorName: this.nameOf(actor), at: this.deps.now().toISOString() });
    this.state = stateOf(entry);
    this.deps.log.warn({ crisisEntry: entry.id, keywords: words.length, lineChars: line.length }, 'crisis mode on');
    return { ok: true, state: this.state, entry };
  }

  async turnOff(actor: { id: string; name: string }): Promise<CrisisChange> {
    if (!isCommunications(this.deps.directory, actor.id)) return refuse('not-communications');
    if (!(await this.refresh()).on) return refuse('already-off');
    const entry = await this.deps.repo.appendCrisis({ action: 'off', publicLine: null, keywords: [], actorId: actor.id.toLowerCase(), actorName: this.nameOf(actor), at: this.deps.now().toISOString() });
    this.state = OFF;
    this.deps.log.warn({ crisisEntry: entry.id }, 'crisis mode off');
    return { ok: true, state: this.state, entry };
  }

  private nameOf(actor: { id: string; name: string }): string {
    return this.deps.directory.person(actor.id)?.name ?? (actor.name || 'Communications');
  }
}

const MESSAGES: Record<CrisisRefusal, string> = {
  'not-communications': 'Only a member of Communications can turn crisis mode on or off (3.2).',
  'line-required': 'Give the short public line staff should see, e.g. "crisis on Hold and secure at Riverside; updates come from the district only."',
  'line-too-long': `Keep the public line to ${CRISIS_LINE_MAX} characters or fewer.`,
  'already-off': 'Crisis mode is already off.',
};

function refuse(reason: CrisisRefusal): CrisisChange {
  return { ok: false, reason, message: MESSAGES[reason] };
}
