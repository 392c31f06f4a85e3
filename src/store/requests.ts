import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { UnitRef } from '../directory/types';
import { eventHash, GENESIS_HASH } from '../requests/eventChain';
import { searchTextOf } from '../requests/searchText';
import type {
  CardCopy,
  EventAction,
  NewEvent,
  NewNotification,
  NewRequest,
  RequestListFilter,
  RequestPatch,
  RequestStore,
  RequestTransaction,
  StoredEvent,
  StoredRequest,
} from '../requests/ports';
import type { DecidedBy, RequestState } from '../requests/record';
import type { RequestKind } from '../requests/requestKind';
import { insertNotifications, recordCopy } from './outbox';
import type { Database } from './schema';

/**
 * Requests, their history and their card copies: the only SQL for them.
 * The same statements run on SQLite and PostgreSQL.
 */
export class RequestRepository implements RequestStore {
  constructor(private readonly db: Kysely<Database>) {}

  transaction<T>(work: (tx: RequestTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new SqlRequestTransaction(trx)));
  }

  async byId(id: string): Promise<StoredRequest | undefined> {
    const row = await this.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRequest(row);
  }

  async byNumber(number: string): Promise<StoredRequest | undefined> {
    const row = await this.db.selectFrom('requests').selectAll().where('number', '=', number.toUpperCase()).executeTakeFirst();
    return row && toRequest(row);
  }

  async bySubmissionKey(key: string): Promise<StoredRequest | undefined> {
    const row = await this.db.selectFrom('requests').selectAll().where('submission_key', '=', key).executeTakeFirst();
    return row && toRequest(row);
  }

  events(requestId: string): Promise<StoredEvent[]> {
    return eventsOf(this.db, requestId);
  }

  async list(filter: RequestListFilter): Promise<StoredRequest[]> {
    let q = this.db.selectFrom('requests').selectAll();
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.requesterId) q = q.where('requester_id', '=', filter.requesterId.toLowerCase());
    const rows = await q.orderBy('created_at', 'desc').orderBy('number', 'desc').limit(filter.limit ?? 200).execute();
    return rows.map(toRequest);
  }

  async inStates(states: readonly RequestState[], changedBefore?: string): Promise<StoredRequest[]> {
    if (states.length === 0) return [];
    let q = this.db.selectFrom('requests').selectAll().where('state', 'in', [...states]);
    if (changedBefore) q = q.where('updated_at', '<=', changedBefore);
    const rows = await q.orderBy('updated_at').limit(1000).execute();
    return rows.map(toRequest);
  }

  copies(requestId: string): Promise<CardCopy[]> {
    return copiesOf(this.db, requestId);
  }

  recordCopy(copy: CardCopy): Promise<void> {
    return recordCopy(this.db, copy);
  }
}

class SqlRequestTransaction implements RequestTransaction {
  constructor(private readonly trx: Kysely<Database>) {}

  async nextNumber(sequence: string): Promise<number> {
    // One statement on both databases: the first request of a year inserts the
    // counter, later ones increment it under the row's lock until commit.
    const row = await this.trx
      .insertInto('request_counters')
      .values({ name: sequence, value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`request_counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async insert(r: NewRequest): Promise<boolean> {
    const inserted = await this.trx
      .insertInto('requests')
      .values({
        id: r.id,
        number: r.number,
        submission_key: r.submissionKey,
        kind: r.kind,
        requester_id: r.requesterId.toLowerCase(),
        requester_name: r.requesterName,
        unit_type: r.unit?.type ?? null,
        unit_id: r.unit?.id ?? null,
        state: r.state,
        version: r.version,
        values: JSON.stringify(r.values),
        deciders: JSON.stringify(r.deciders),
        decided_by: r.decidedBy,
        escalated: 0,
        valid_until: null,
        conditions: null,
        created_at: r.createdAt,
        updated_at: r.createdAt,
        decided_at: null,
        last_reminded_at: null,
        reminder_count: 0,
        search_text: searchTextOf(r),
      })
      .onConflict((oc) => oc.column('submission_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async update(id: string, seenVersion: number, p: RequestPatch): Promise<boolean> {
    const set: Partial<Database['requests']> = {
      state: p.state,
      version: p.version,
      updated_at: p.updatedAt,
      // A new state starts its own reminder clock.
      reminder_count: 0,
      last_reminded_at: null,
    };
    if (p.escalated !== undefined) set.escalated = p.escalated ? 1 : 0;
    if (p.validUntil !== undefined) set.valid_until = p.validUntil;
    if (p.conditions !== undefined) set.conditions = p.conditions;
    if (p.decidedAt !== undefined) set.decided_at = p.decidedAt;
    if (p.values !== undefined) {
      set.values = JSON.stringify(p.values);
      // The search text follows the values; number and requester never change.
      const row = await this.trx.selectFrom('requests').select(['number', 'requester_name']).where('id', '=', id).executeTakeFirst();
      if (row) set.search_text = searchTextOf({ number: row.number, requesterName: row.requester_name, values: p.values });
    }
    if (p.deciders !== undefined) set.deciders = JSON.stringify(p.deciders);
    if (p.decidedBy !== undefined) set.decided_by = p.decidedBy;
    if (p.unit !== undefined) {
      set.unit_type = p.unit?.type ?? null;
      set.unit_id = p.unit?.id ?? null;
    }
    const res = await this.trx.updateTable('requests').set(set).where('id', '=', id).where('version', '=', seenVersion).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async lockAt(id: string, version: number): Promise<boolean> {
    // A no-op write: it takes the row's lock (PostgreSQL) or the write lock (SQLite) until commit.
    const res = await this.trx.updateTable('requests').set({ version: sql<number>`version` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  events(requestId: string): Promise<StoredEvent[]> {
    return eventsOf(this.trx, requestId);
  }

  async markReminded(id: string, version: number, seenCount: number, at: string): Promise<boolean> {
    const res = await this.trx
      .updateTable('requests')
      .set({ reminder_count: seenCount + 1, last_reminded_at: at })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('reminder_count', '=', seenCount)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async appendEvent(e: NewEvent): Promise<StoredEvent> {
    // The caller has already updated the request row in this transaction, so
    // no other writer can append to this request's chain until we commit.
    const last = await this.trx
      .selectFrom('request_events')
      .select(['seq', 'hash'])
      .where('request_id', '=', e.requestId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const seq = last ? Number(last.seq) + 1 : 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = eventHash(prevHash, { ...e, seq });
    const stored: StoredEvent = { ...e, id: randomUUID(), seq, prevHash, hash };
    await this.trx
      .insertInto('request_events')
      .values({
        id: stored.id,
        request_id: e.requestId,
        seq,
        action: e.action,
        actor_id: e.actorId,
        at: e.at,
        from_state: e.fromState,
        to_state: e.toState,
        comment: e.comment,
        data: JSON.stringify(e.data),
        prev_hash: prevHash,
        hash,
      })
      .execute();
    return stored;
  }

  async enqueue(notifications: readonly NewNotification[], now: string): Promise<void> {
    await insertNotifications(this.trx, notifications, now);
  }

  copies(requestId: string): Promise<CardCopy[]> {
    return copiesOf(this.trx, requestId);
  }

  recordCopy(copy: CardCopy): Promise<void> {
    return recordCopy(this.trx, copy);
  }
}

async function eventsOf(db: Kysely<Database>, requestId: string): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
  return rows.map(toEvent);
}

async function copiesOf(db: Kysely<Database>, requestId: string): Promise<CardCopy[]> {
  const rows = await db.selectFrom('card_copies').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();
  return rows.map((r) => ({
    requestId: r.request_id,
    conversationId: r.conversation_id,
    activityId: r.activity_id,
    viewerId: r.viewer_id,
    createdAt: r.created_at,
  }));
}

/** Row → record; the oversight store reads the same tables with these. */
export function toRequest(row: Database['requests']): StoredRequest {
  const r: StoredRequest = {
    id: row.id,
    number: row.number,
    kind: row.kind as RequestKind,
    requesterId: row.requester_id,
    requesterName: row.requester_name,
    state: row.state as RequestState,
    version: Number(row.version),
    values: JSON.parse(row.values) as Record<string, unknown>,
    deciders: JSON.parse(row.deciders) as string[],
    decidedBy: row.decided_by as DecidedBy,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reminderCount: Number(row.reminder_count),
  };
  if (row.unit_type && row.unit_id) r.unit = { type: row.unit_type as UnitRef['type'], id: row.unit_id };
  if (Number(row.escalated) === 1) r.escalated = true;
  if (row.valid_until) r.validUntil = row.valid_until;
  if (row.conditions) r.conditions = row.conditions;
  if (row.decided_at) r.decidedAt = row.decided_at;
  if (row.last_reminded_at) r.lastRemindedAt = row.last_reminded_at;
  return r;
}

export function toEvent(row: Database['request_events']): StoredEvent {
  return {
    id: row.id,
    requestId: row.request_id,
    seq: Number(row.seq),
    action: row.action as EventAction,
    actorId: row.actor_id,
    at: row.at,
    fromState: row.from_state as RequestState | null,
    toState: row.to_state as RequestState,
    comment: row.comment,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
