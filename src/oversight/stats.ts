import type { RequestState } from '../requests/record';
import { REQUEST_KINDS, REQUEST_KIND_CLAUSES, type RequestKind } from '../requests/requestKind';
import { districtWeekOf } from './time';

/**
 * The figures behind the charts, as pure functions over plain rows, so they
 * are tested without a database and the SVG code only draws.
 */

/** What became of a request: an expired approval was still an approval. */
export const OUTCOMES = ['approved', 'declined', 'open', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomeOf(state: RequestState): Outcome {
  switch (state) {
    case 'approved':
    case 'expired':
      return 'approved';
    case 'declined':
      return 'declined';
    case 'withdrawn':
      return 'withdrawn';
    case 'awaiting-decision':
    case 'changes-requested':
    case 'escalated':
      return 'open';
  }
}

/** One request as the charts need it. */
export interface RequestFact {
  kind: RequestKind;
  state: RequestState;
  /** The label of its school or department ("The whole district" when none). */
  unitLabel: string;
  createdAt: string;
  /** When it was first approved or declined, if it was. */
  decidedAt?: string;
}

export interface QuestionFact {
  createdAt: string;
  verdict: string;
  clauses: readonly string[];
}

export interface RequestsPerWeek {
  weeks: string[];
  /** counts[kind][outcome][weekIndex] */
  counts: Record<RequestKind, Record<Outcome, number[]>>;
}

export function requestsPerWeek(facts: readonly RequestFact[], weeks: readonly string[]): RequestsPerWeek {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const counts = Object.fromEntries(
    REQUEST_KINDS.map((k) => [k, Object.fromEntries(OUTCOMES.map((o) => [o, weeks.map(() => 0)]))]),
  ) as RequestsPerWeek['counts'];
  for (const f of facts) {
    const i = index.get(districtWeekOf(f.createdAt));
    if (i === undefined) continue;
    counts[f.kind][outcomeOf(f.state)][i]! += 1;
  }
  return { weeks: [...weeks], counts };
}

/** Nearest-rank percentile of numbers already sorted ascending; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export interface DecisionTimeRow {
  unit: string;
  count: number;
  medianDays: number;
  p90Days: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days from submission to the first approval or decline, by school, slowest (90th percentile) first. */
export function decisionTimes(facts: readonly RequestFact[]): DecisionTimeRow[] {
  const byUnit = new Map<string, number[]>();
  for (const f of facts) {
    if (!f.decidedAt) continue;
    const days = Math.max(0, (Date.parse(f.decidedAt) - Date.parse(f.createdAt)) / DAY_MS);
    const list = byUnit.get(f.unitLabel) ?? [];
    list.push(days);
    byUnit.set(f.unitLabel, list);
  }
  return [...byUnit]
    .map(([unit, days]) => {
      const sorted = days.sort((a, b) => a - b);
      return { unit, count: sorted.length, medianDays: median(sorted), p90Days: percentile(sorted, 90)! };
    })
    .sort((a, b) => b.p90Days - a.p90Days || a.unit.localeCompare(b.unit));
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface QuestionsPerWeek {
  weeks: string[];
  asked: number[];
  /** Questions the bot could not answer (verdict "unknown"). */
  unknown: number[];
  /** unknown / asked, or null for a week with no questions. */
  share: Array<number | null>;
}

export function questionsPerWeek(facts: readonly QuestionFact[], weeks: readonly string[]): QuestionsPerWeek {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const asked = weeks.map(() => 0);
  const unknown = weeks.map(() => 0);
  for (const q of facts) {
    const i = index.get(districtWeekOf(q.createdAt));
    if (i === undefined) continue;
    asked[i]! += 1;
    if (q.verdict === 'unknown') unknown[i]! += 1;
  }
  return { weeks: [...weeks], asked, unknown, share: asked.map((n, i) => (n === 0 ? null : unknown[i]! / n)) };
}

export interface CitedClause {
  clause: string;
  questions: number;
  requests: number;
  total: number;
}

/** How many clauses of each answer count as cited: the ones its card quotes first. */
export const CLAUSES_PER_ANSWER = 2;

/**
 * The clauses staff run into most: those the bot's answers cited (an unsure
 * answer cites nothing) and those each permission request rests on. A clause
 * and its sub-items are counted under the clause ("4.10(a)" under "4.10").
 */
export function citedClauses(questions: readonly QuestionFact[], requests: readonly Pick<RequestFact, 'kind'>[], top = 10): CitedClause[] {
  const rows = new Map<string, CitedClause>();
  const bump = (raw: string, field: 'questions' | 'requests') => {
    const clause = topClause(raw);
    const row = rows.get(clause) ?? { clause, questions: 0, requests: 0, total: 0 };
    row[field] += 1;
    row.total += 1;
    rows.set(clause, row);
  };
  for (const q of questions) {
    if (q.verdict === 'unknown') continue;
    for (const c of new Set(q.clauses.slice(0, CLAUSES_PER_ANSWER).map(topClause))) bump(c, 'questions');
  }
  for (const r of requests) for (const c of new Set(REQUEST_KIND_CLAUSES[r.kind].map(topClause))) bump(c, 'requests');
  return [...rows.values()].sort((a, b) => b.total - a.total || compareClauses(a.clause, b.clause)).slice(0, top);
}

export function topClause(id: string): string {
  return id.replace(/\(.*$/, '');
}

function compareClauses(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
