import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import type { CardCopy } from '../requests/ports';
import type { OutboxRepository, OutboxRow } from '../store/outbox';
import { DeliveryError } from './messenger';
import { PeriodicTask } from '../periodic';

/**
 * Delivers the outbox: claims due rows under a lease, sends each through the
 * Messenger, and marks it delivered; on failure retries with exponential
 * backoff (at least as long as a 429's Retry-After), and dead-letters a row
 * the connector refuses for good or that runs out of attempts, keeping the
 * last error for the CLI.
 *
 * Delivery is at-least-once. A crash after the connector accepted a message
 * but before the row is marked leaves the row claimed; once the lease lapses
 * another worker (or this one after a restart) sends it again. Card updates
 * are PUTs of the current state, so a repeat is invisible; a repeated new
 * post (a decision card, a written permission) is the one duplicate possible,
 * and only in that crash window. Without a crash nothing is sent twice: the
 * lease keeps other workers off a row, and PostgreSQL's SKIP LOCKED keeps two
 * instances from claiming the same row at once.
 */
export interface DeliveryResult {
  /** A card was posted: its copy is recorded with the delivery, as drawn at this version. */
  posted?: { copy: CardCopy; renderedVersion: number };
  /** Nothing needed sending (e.g. a reminder about a request decided meanwhile). */
  skipped?: string;
}

export type Deliver = (row: OutboxRow) => Promise<DeliveryResult>;

export interface OutboxWorkerOptions {
  outbox: OutboxRepository;
  deliver: Deliver;
  now: () => Date;
  log: Log;
  pollMs: number;
  maxAttempts: number;
  /** How long a claim holds before another worker may take the row; longer than any connector call. */
  leaseMs?: number;
  batchSize?: number;
  /** The first retry waits this long, doubling each time up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export function backoffMs(attempts: number, base: number, max: number, retryAfterMs?: number): number {
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

export class OutboxWorker {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly task: PeriodicTask;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 10;
    this.baseBackoffMs = options.baseBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
    this.task = new PeriodicTask({
      work: () => this.runOnce(),
      intervalMs: options.pollMs,
      onError: (err) => options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox poll failed'),
    });
  }

  start(): void {
    this.task.start();
  }

  /** Stops polling and waits for the delivery in hand, so the store can close under it safely. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Claims and delivers what is due now; returns how many rows were tried. Tests call it directly too. */
  async runOnce(): Promise<number> {
    let tried = 0;
    // Drain a burst in a few batches, but give the event loop back between polls.
    for (let round = 0; round < 5; round++) {
      if (round > 0 && this.task.isStopped) break;
      const now = this.options.now();
      const rows = await this.options.outbox.claim(this.workerId, now.toISOString(), new Date(now.getTime() + this.leaseMs).toISOString(), this.batchSize);
      if (rows.length === 0) break;
      for (let i = 0; i < rows.length; i++) {
        tried += 1;
        const pause = await this.deliverOne(rows[i]!);
        if (pause !== undefined) {
          // Throttled: the connector asked us to wait, so hold back the rest of the batch too.
          const until = new Date(this.options.now().getTime() + pause).toISOString();
          for (const rest of rows.slice(i + 1)) await this.options.outbox.release(rest.id, this.workerId, until);
          return tried;
        }
      }
      if (rows.length < this.batchSize) break;
    }
    return tried;
  }

  /** Returns a pause in ms when the connector throttled us. */
  private async deliverOne(row: OutboxRow): Promise<number | undefined> {
    const { log, outbox } = this.options;
    const meta = { outboxId: row.id, kind: row.kind, attempt: row.attempts, requestId: row.payload.requestId };
    try {
      const result = await this.options.deliver(row);
      await outbox.complete(row.id, this.options.now().toISOString(), result.posted);
      log.info({ ...meta, skipped: result.skipped }, result.skipped ? 'notification not needed' : 'notification delivered');
      return undefined;
    } catch (err) {
      const failure = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), undefined, undefined, false);
      const error = failure.message;
      if (failure.permanent || row.attempts >= this.options.maxAttempts) {
        await outbox.deadLetter(row.id, this.workerId, error);
        log.error({ ...meta, status: failure.status, permanent: failure.permanent }, 'notification dead-lettered');
        return undefined;
      }
      const wait = backoffMs(row.attempts, this.baseBackoffMs, this.maxBackoffMs, failure.retryAfterMs);
      await outbox.retryLater(row.id, this.workerId, new Date(this.options.now().getTime() + wait).toISOString(), error);
      log.warn({ ...meta, status: failure.status, retryInMs: wait }, 'notification will be retried');
      return failure.status === 429 ? (failure.retryAfterMs ?? wait) : undefined;
    }
  }
}
