import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for /metrics. One registry per app (not prom-client's
 * global one), so several apps in one process (tests, two instances) keep
 * their own figures.
 */
export interface Metrics {
  registry: Registry;
  turns: Counter<'type' | 'outcome'>;
  turnSeconds: Histogram<'type'>;
  answers: Counter<'verdict'>;
  checks: Counter<'verdict'>;
  rateLimited: Counter<'what'>;
  /** Set on each scrape by whoever knows (the outbox). */
  outboxDepth: Gauge;
  deadLetters: Gauge;
  /** The wait the connector imposed with a 429 (capped), read from the outbox worker on each scrape. */
  outboxThrottleSeconds: Gauge;
  /** Tells the throttle gauge where to read; the worker is built after the metrics. */
  watchOutboxThrottle(waitMs: () => number): void;
}

export function createMetrics(collectors: { outbox?: () => Promise<{ pending: number; dead: number }> } = {}): Metrics {
  const registry = new Registry();
  let throttleWaitMs: () => number = () => 0;
  collectDefaultMetrics({ register: registry, prefix: 'pr708_' });
  const metrics: Metrics = {
    registry,
    turns: new Counter({ name: 'pr708_turns_total', help: 'Activities handled, by type and outcome', labelNames: ['type', 'outcome'], registers: [registry] }),
    turnSeconds: new Histogram({
      name: 'pr708_turn_seconds',
      help: 'Time to handle an activity',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    answers: new Counter({ name: 'pr708_answers_total', help: 'Questions answered, by verdict (unknown = the bot was not sure)', labelNames: ['verdict'], registers: [registry] }),
    checks: new Counter({ name: 'pr708_draft_checks_total', help: 'Draft posts checked, by verdict', labelNames: ['verdict'], registers: [registry] }),
    rateLimited: new Counter({ name: 'pr708_rate_limited_total', help: 'Requests refused by the per-person rate limit', labelNames: ['what'], registers: [registry] }),
    outboxDepth: new Gauge({
      name: 'pr708_outbox_pending',
      help: 'Notifications waiting to be delivered',
      registers: [registry],
      async collect() {
        if (collectors.outbox) this.set((await collectors.outbox()).pending);
      },
    }),
    deadLetters: new Gauge({
      name: 'pr708_outbox_dead_letters',
      help: 'Notifications that could not be delivered and wait for a person',
      registers: [registry],
      async collect() {
        if (collectors.outbox) this.set((await collectors.outbox()).dead);
      },
    }),
    outboxThrottleSeconds: new Gauge({
      name: 'pr708_outbox_throttle_wait_seconds',
      help: 'How long the outbox still waits because the Bot Connector answered 429 (Retry-After, at most 10 minutes)',
      registers: [registry],
      collect() {
        this.set(Math.ceil(throttleWaitMs() / 1000));
      },
    }),
    watchOutboxThrottle(waitMs) {
      throttleWaitMs = waitMs;
    },
  };
  return metrics;
}

/**
 * Whether an `Authorization` header carries the metrics bearer token. Both sides
 * are hashed first so the comparison is constant-time and of equal length: how
 * long a refusal takes says nothing about how much of a guess was right.
 */
export function carriesMetricsToken(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  // A missing header is still compared, against an empty guess, so it costs the same.
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(token)) && m !== null;
}
