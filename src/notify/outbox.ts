import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import type { CardCopy } from '../requests/ports';
import type { Claim, OutboxRepository, OutboxRow } from '../store/outbox';
import { DeliveryError } from './messenger';
import { PeriodicTask } from '../periodic';

/**
 * Delivers the outbox: claims due rows under a lease, sends each through the
 * Messenger, and marks it delivered; on failure retries with exponential
 * backoff (at least as long as a 429's Retry-After, capped), and dead-letters
 * a row the connector refuses for good or that runs out of attempts, keeping
 * the last error for the CLI and the tab.
 *
 * A notification is posted at most once per successful claim. Every change
 * after a claim (renew, complete, retry, dead letter, release) is fenced on
 * this worker and this claim's attempt, so a worker whose lease lapsed cannot
 * mark or reschedule a row another worker took. Each row's lease is renewed
 * just before its call, and a delivery is cut off (its HTTP call aborted)
 * well before the lease ends, so a hung connector call cannot outlive the
 * lease and let a second worker post the same message.
 *
 * Deliveries run side by side, up to `concurrency` at once, so one slow call
 * holds up nobody else; two to the same person or chat still go one after
 * the other, in order. stop() stops claiming, lets calls in flight finish
 * until the deadline, then aborts them and gives their rows back.
 *
 * Delivery stays at-least-once across a crash (or a call cut off after the
 * connector had in fact taken the message): the row is claimed again once
 * the lease lapses. Card updates are PUTs of the current state, so a repeat
 * is invisible; a repeated new post is the one duplicate possible, only then.
 */
export interface DeliveryResult {
  /** A card was posted: its copy is recorded with the delivery, as drawn at this version. */
  posted?: { copy: CardCopy; renderedVersion: number };
  /** Nothing needed sending (e.g. a reminder about a request decided meanwhile). */
  skipped?: string;
}

/** Delivers one row; `signal` aborts its connector calls (shutdown, or the lease running short). */
export type Deliver = (row: OutboxRow, signal: AbortSignal) => Promise<DeliveryResult>;

export interface OutboxWorkerOptions {
  outbox: OutboxRepository;
  deliver: Deliver;
  now: () => Date;
  log: Log;
  pollMs: number;
  maxAttempts: number;
  /** How long a claim holds before another worker may take the row. */
  leaseMs?: number;
  /** Deliveries in flight at once in this instance. */
  concurrency?: number;
  /** The first retry waits this long, doubling each time up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** The longest a 429's Retry-After may hold deliveries back; a larger value waits this long. */
  maxRetryAfterMs?: number;
  /** Dead letters the connector refused for good, for the follow-up (e.g. telling others a decider was not reached). */
  onDeadLetter?: (row: OutboxRow, failure: DeliveryError) => Promise<void>;
}

export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export function backoffMs(attempts: number, base: number, max: number, retryAfterMs?: number, maxRetryAfterMs = MAX_RETRY_AFTER_MS): number {
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, Math.min(retryAfterMs ?? 0, maxRetryAfterMs));
}

/** Deliveries to one person or one chat go one at a time, so they arrive in order. */
function targetKey(row: OutboxRow): string {
  const t = row.target;
  switch (t.type) {
    case 'person':
      return `person:${t.aadId.toLowerCase()}`;
    case 'channel':
      return `channel:${t.channel.channelId}`;
    case 'copy':
      return `chat:${t.conversationId}`;
    default:
      return `row:${row.id}`;
  }
}

export class OutboxWorker {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly task: PeriodicTask;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly busyTargets = new Set<string>();
  /** Aborted at shutdown once the grace period is spent: every call in flight gives up. */
  private readonly shutdown = new AbortController();
  /** Set by a 429: nothing new is tried before then. */
  private pausedUntil = 0;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.concurrency = options.concurrency ?? 4;
    this.baseBackoffMs = options.baseBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
    this.task = new PeriodicTask({
      work: () => this.poll(),
      intervalMs: options.pollMs,
      onError: (err) => options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox poll failed'),
    });
  }

  start(): void {
    this.task.start();
  }

  /** How long the connector told us to wait (429), in ms from now; 0 when not throttled. For /metrics. */
  currentWaitMs(): number {
    return Math.max(0, this.pausedUntil - this.options.now().getTime());
  }

  /**
   * Stops claiming, lets deliveries in flight finish until `deadline` (ms
   * since the epoch), then aborts them: their rows are given back uncounted
   * for another instance. Resolves once nothing is in flight.
   */
  async stop(deadline = Date.now()): Promise<void> {
    await this.task.stop();
    const all = () => Promise.allSettled([...this.inFlight.values()]);
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
    await Promise.race([all(), timeUp]);
    clearTimeout(timer);
    if (this.inFlight.size > 0) this.shutdown.abort(new Error('shutting down'));
    await all();
  }

  /** Claims and delivers what is due now, waiting for those deliveries; returns how many rows were tried. Tests call it directly. */
  async runOnce(): Promise<number> {
    const started = await this.poll();
    await Promise.allSettled(started);
    return started.length;
  }

  /** Claims as many due rows as there are free places and starts them; does not wait for them. */
  private async poll(): Promise<Array<Promise<void>>> {
    const started: Array<Promise<void>> = [];
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0 || this.shutdown.signal.aborted || this.currentWaitMs() > 0) return started;
    const now = this.options.now();
    const rows = await this.options.outbox.claim(this.workerId, now.toISOString(), new Date(now.getTime() + this.leaseMs).toISOString(), free);
    for (const row of rows) {
      const claim: Claim = { workerId: this.workerId, attempt: row.attempts };
      const key = targetKey(row);
      if (this.busyTargets.has(key)) {
        // Something to this person is still on its way: give this one back, uncounted, for the next poll.
        await this.options.outbox.release(row.id, claim, row.nextAttemptAt);
        continue;
      }
      this.busyTargets.add(key);
      const delivery = this.deliverOne(row, claim)
        .catch((err: unknown) => this.options.log.error({ outboxId: row.id, err: err instanceof Error ? err.message : String(err) }, 'outbox delivery failed'))
        .finally(() => {
          this.busyTargets.delete(key);
          this.inFlight.delete(row.id);
        });
      this.inFlight.set(row.id, delivery);
      started.push(delivery);
    }
    return started;
  }

  private async deliverOne(row: OutboxRow, claim: Claim): Promise<void> {
    const { log, outbox } = this.options;
    const meta = { outboxId: row.id, kind: row.kind, attempt: row.attempts, requestId: row.payload.requestId };
    const start = this.options.now();
    if (this.currentWaitMs() > 0) {
      // Throttled since this row was claimed: hold it back, uncounted, as long as the connector asked.
      await outbox.release(row.id, claim, new Date(this.pausedUntil).toISOString());
      return;
    }
    // A fresh lease for this row, and a deadline well inside it: the call is cut off before anyone else may take the row.
    if (!(await outbox.renew(row.id, claim, new Date(start.getTime() + this.leaseMs).toISOString()))) {
      log.warn(meta, 'notification claimed by another worker; not sent');
      return;
    }
    const signal = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(Math.floor(this.leaseMs / 2))]);
    try {
      const result = await this.options.deliver(row, signal);
      if (await outbox.complete(row.id, claim, this.options.now().toISOString(), result.posted)) {
        log.info({ ...meta, skipped: result.skipped }, result.skipped ? 'notification not needed' : 'notification delivered');
      } else log.error(meta, 'notification sent but its claim was taken meanwhile');
    } catch (err) {
      if (this.shutdown.signal.aborted) {
        // Cut off by shutdown, not the connector's fault: back to the queue for any instance, uncounted.
        await outbox.release(row.id, claim, this.options.now().toISOString());
        log.warn(meta, 'notification given back at shutdown');
        return;
      }
      const failure = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), undefined, undefined, false);
      const error = failure.message;
      if (failure.permanent || row.attempts >= this.options.maxAttempts) {
        if (await outbox.deadLetter(row.id, claim, error)) {
          log.error({ ...meta, status: failure.status, permanent: failure.permanent }, 'notification dead-lettered');
          await this.options.onDeadLetter?.(row, failure);
        }
        return;
      }
      const wait = backoffMs(row.attempts, this.baseBackoffMs, this.maxBackoffMs, failure.retryAfterMs, this.maxRetryAfterMs);
      if (failure.status === 429) this.pausedUntil = Math.max(this.pausedUntil, this.options.now().getTime() + wait);
      await outbox.retryLater(row.id, claim, new Date(this.options.now().getTime() + wait).toISOString(), error);
      log.warn({ ...meta, status: failure.status, retryInMs: wait }, 'notification will be retried');
    }
  }
}
