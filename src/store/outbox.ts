import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CardCopy, NewNotification, NotificationKind, NotificationTarget } from '../requests/ports';
import type { Dialect } from './db';
import type { Database } from './schema';

/**
 * The outbox: notifications written in the same transaction as the change
 * that causes them, then delivered by a worker (src/notify/outbox.ts). The
 * only SQL for the table lives here.
 */
export type OutboxState = 'pending' | 'delivered' | 'dead';

/**
 * Who holds a row and by which claim. Each claim counts an attempt, so the
 * attempt number tells one claim from the next even by the same worker (its
 * own later poll may take a row back after its lease lapsed).
 */
export interface Claim {
  workerId: string;
  attempt: number;
}

export interface OutboxRow {
  id: string;
  dedupeKey: string;
  kind: NotificationKind;
  target: NotificationTarget;
  payload: NewNotification['payload'];
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  claimedBy: string | null;
  claimedUntil: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** Inserts notifications, keeping the first row for each dedupe key. Used inside the caller's transaction. */
export async function insertNotifications(db: Kysely<Database>, notifications: readonly NewNotification[], now: string): Promise<void> {
  if (notifications.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      notifications.map((n) => ({
        id: randomUUID(),
        dedupe_key: n.dedupeKey,
        kind: n.kind,
        target: JSON.stringify(n.target),
        payload: JSON.stringify(n.payload),
        state: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        claimed_by: null,
        claimed_until: null,
        created_at: now,
        delivered_at: null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Records a posted copy of a request's card once, so every copy can be redrawn after a change. */
export async function recordCopy(db: Kysely<Database>, copy: CardCopy): Promise<void> {
  await db
    .insertInto('card_copies')
    .values({
      request_id: copy.requestId,
      conversation_id: copy.conversationId,
      activity_id: copy.activityId,
      viewer_id: copy.viewerId?.toLowerCase() ?? null,
      created_at: copy.createdAt,
    })
    .onConflict((oc) => oc.columns(['request_id', 'conversation_id', 'activity_id']).doNothing())
    .execute();
}

/** Errors are kept for people to read in the CLI; a connector message can be long, so keep its start. */
const ERROR_MAX = 500;

export class OutboxRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Claims up to `limit` due rows for `workerId` until `leaseUntil`, counting
   * the attempt now so that a row that crashes the process still runs out of
   * attempts. PostgreSQL skips rows another instance is claiming at this
   * moment; the repeated conditions on the update make the claim safe on
   * SQLite (one writer at a time) and under PostgreSQL's read-committed
   * re-check alike: a row is only ever held by one live lease.
   */
  async claim(workerId: string, now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
    let due = this.db
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('outbox')
      .set({ claimed_by: workerId, claimed_until: leaseUntil, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', due)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .execute();
    return rows.map(toRow).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.createdAt.localeCompare(b.createdAt));
  }

  /** Runs the follow-up of a delivery (mark it, record the card copy, enqueue more) in one transaction. */
  async transaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /**
   * Pushes a held claim's lease forward before each connector call, so a row
   * that waited in this worker's queue is never sent on a lapsed lease.
   * False: the claim is no longer ours (another worker took the row).
   */
  async renew(id: string, claim: Claim, leaseUntil: string): Promise<boolean> {
    const result = await this.held(this.db.updateTable('outbox').set({ claimed_until: leaseUntil }), id, claim).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Delivered, only by the holder of the claim: a worker whose row was
   * reclaimed by another (its lease lapsed) must not mark what the other is
   * sending. A lapsed lease nobody reclaimed still counts as held: the
   * message went out, and leaving the row pending would send it again.
   */
  async markDelivered(id: string, claim: Claim, at: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await this.held(db.updateTable('outbox').set({ state: 'delivered', delivered_at: at, claimed_until: null, last_error: null }), id, claim).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Marks a delivery done and, for a posted card, records the copy in the same
   * transaction. The request row is locked first (a no-op update), so a change
   * committing at the same moment either sees this copy and updates it, or has
   * already committed and this sees its newer version and queues the update
   * itself: no copy is left showing an old state. False (and nothing written)
   * when the claim is no longer this worker's.
   */
  async complete(id: string, claim: Claim, at: string, posted?: { copy: CardCopy; renderedVersion: number }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.markDelivered(id, claim, at, trx))) return false;
      if (!posted) return true;
      const { copy } = posted;
      await trx.updateTable('requests').set({ version: sql<number>`version` }).where('id', '=', copy.requestId).execute();
      await recordCopy(trx, copy);
      const now = await trx.selectFrom('requests').select('version').where('id', '=', copy.requestId).executeTakeFirst();
      const version = Number(now?.version ?? posted.renderedVersion);
      if (version !== posted.renderedVersion) {
        await insertNotifications(
          trx,
          [
            {
              dedupeKey: `card-update:${copy.requestId}:v${version}:${copy.conversationId}:${copy.activityId}`,
              kind: 'card-update',
              target: { type: 'copy', conversationId: copy.conversationId, activityId: copy.activityId },
              payload: { requestId: copy.requestId, viewerId: copy.viewerId },
            },
          ],
          at,
        );
      }
      return true;
    });
  }

  /** Gives a claimed row back without counting the attempt (not tried, or cut off by shutdown), for any worker to take. */
  async release(id: string, claim: Claim, nextAttemptAt: string): Promise<boolean> {
    const result = await this.held(
      this.db.updateTable('outbox').set({ next_attempt_at: nextAttemptAt, claimed_by: null, claimed_until: null, attempts: sql<number>`attempts - 1` }),
      id,
      claim,
    ).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Back to pending after `nextAttemptAt`, only by the holder of the claim. */
  async retryLater(id: string, claim: Claim, nextAttemptAt: string, error: string): Promise<boolean> {
    const result = await this.held(
      this.db.updateTable('outbox').set({ next_attempt_at: nextAttemptAt, last_error: error.slice(0, ERROR_MAX), claimed_by: null, claimed_until: null }),
      id,
      claim,
    ).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** A dead letter stays in the table with its last error, for the CLI and the tab, where a person can resend it. */
  async deadLetter(id: string, claim: Claim, error: string): Promise<boolean> {
    const result = await this.held(this.db.updateTable('outbox').set({ state: 'dead', last_error: error.slice(0, ERROR_MAX), claimed_until: null }), id, claim).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Puts dead letters back in the queue with fresh attempts (a person asked
   * for it, e.g. once the app is installed for the decider). The last error
   * stays visible until the next attempt replaces it. Returns the rows resent.
   */
  async resend(ids: readonly string[] | 'all-dead', at: string): Promise<OutboxRow[]> {
    let q = this.db
      .updateTable('outbox')
      .set({ state: 'pending', attempts: 0, next_attempt_at: at, claimed_by: null, claimed_until: null })
      .where('state', '=', 'dead');
    if (ids !== 'all-dead') {
      if (ids.length === 0) return [];
      q = q.where('id', 'in', [...ids]);
    }
    return (await q.returningAll().execute()).map(toRow);
  }

  /** The fence every change after a claim goes through: this worker, this very claim (its attempt), row still pending. */
  private held<Q extends { where: (...args: any[]) => any }>(q: Q, id: string, claim: Claim): Q {
    return q.where('id', '=', id).where('state', '=', 'pending').where('claimed_by', '=', claim.workerId).where('attempts', '=', claim.attempt) as Q;
  }

  async byId(id: string): Promise<OutboxRow | undefined> {
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRow(row);
  }

  async list(filter: { state?: OutboxState; kind?: NotificationKind; limit?: number } = {}): Promise<OutboxRow[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const rows = await q.orderBy('created_at').orderBy('id').limit(filter.limit ?? 500).execute();
    return rows.map(toRow);
  }

  /** How many notifications wait and how many are dead letters: what /metrics reports. */
  async depth(): Promise<{ pending: number; dead: number }> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['state', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('state', 'in', ['pending', 'dead'])
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    return { pending: count('pending'), dead: count('dead') };
  }

  /** A request's notifications: every dedupe key names its request as `kind:requestId:…`. */
  async forRequest(requestId: string): Promise<OutboxRow[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', 'like', `%:${requestId}:%`)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRow);
  }
}

function toRow(row: Database['outbox']): OutboxRow {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    kind: row.kind as NotificationKind,
    target: JSON.parse(row.target) as NotificationTarget,
    payload: JSON.parse(row.payload) as NewNotification['payload'],
    state: row.state as OutboxState,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}
