import { createHash } from 'node:crypto';

/**
 * Each request's history is a hash chain: every event's hash covers the hash
 * before it and the event's own canonical JSON, so an edited or deleted event
 * shows up when the chain is checked (issue 6 audits it). The chain is per
 * request, which lets decisions on different requests commit in parallel.
 */

/** The `prev_hash` of a request's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: every column of the event except its own hashes and row id. */
export interface ChainedEvent {
  requestId: string;
  seq: number;
  action: string;
  actorId: string;
  at: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
  data: Record<string, unknown>;
}

/** JSON with object keys sorted at every level and no spaces, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, event: ChainedEvent): string {
  const body: ChainedEvent = {
    requestId: event.requestId,
    seq: event.seq,
    action: event.action,
    actorId: event.actorId,
    at: event.at,
    fromState: event.fromState,
    toState: event.toState,
    comment: event.comment,
    data: event.data,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}

export type ChainProblem = { seq: number; problem: 'gap' | 'prev-hash' | 'hash' };

/** Checks one request's events, in seq order; returns the first problem, or null when the chain holds. */
export function verifyChain(events: ReadonlyArray<ChainedEvent & { prevHash: string; hash: string }>): ChainProblem | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: e.seq, problem: 'gap' };
    if (e.prevHash !== prev) return { seq: e.seq, problem: 'prev-hash' };
    if (eventHash(prev, e) !== e.hash) return { seq: e.seq, problem: 'hash' };
    prev = e.hash;
    expectedSeq += 1;
  }
  return null;
}
