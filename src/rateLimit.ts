/**
 * Per-person limits on the work that costs the most (questions, draft checks),
 * so one runaway client cannot starve everyone else at the hours staff use
 * the bot together. A token bucket per person: a burst, then a steady rate.
 * Kept per process: a limit is a courtesy, not a record, and losing it on
 * restart harms nobody.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: seconds until one more is allowed. */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => Date,
  ) {}

  take(key: string): RateLimitDecision {
    const t = this.now().getTime();
    const ratePerMs = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    const tokens = Math.min(this.burst, b.tokens + (t - b.at) * ratePerMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: t });
      this.prune(t);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    this.buckets.set(key, { tokens, at: t });
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / ratePerMs / 1000) };
  }

  /** Full buckets carry no information; dropping them keeps memory flat however many people write. */
  private prune(t: number): void {
    if (this.buckets.size < 10_000) return;
    const fullAfterMs = this.burst / (this.perMinute / 60_000);
    for (const [key, b] of this.buckets) if (t - b.at > fullAfterMs) this.buckets.delete(key);
  }
}
