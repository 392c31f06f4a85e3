/**
 * Per-person limits, so one runaway client (or one person holding Enter)
 * cannot starve everyone else at the hours staff use the bot together, nor
 * flood a principal with decision cards. A token bucket per person: a burst,
 * then a steady rate. Kept per process: a limit is a courtesy, not a record,
 * and losing it on restart harms nobody.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: seconds until one more is allowed. */
  retryAfterSeconds: number;
  /**
   * When refused: whether this is the first refusal in its notice window.
   * A flood is told once; answering every refused message would get the bot
   * itself throttled by Teams, so the rest get no message at all.
   */
  notice: boolean;
}

/** One notice per person per minute at most, however long the flood. */
const NOTICE_WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; noticedAt?: number }>();

  /** `perMinute` may be a fraction: 20 an hour is 1/3 a minute. */
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
      this.buckets.set(key, { tokens: tokens - 1, at: t, ...(b.noticedAt !== undefined ? { noticedAt: b.noticedAt } : {}) });
      this.prune(t);
      return { allowed: true, retryAfterSeconds: 0, notice: false };
    }
    const notice = b.noticedAt === undefined || t - b.noticedAt >= NOTICE_WINDOW_MS;
    this.buckets.set(key, { tokens, at: t, noticedAt: notice ? t : b.noticedAt! });
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / ratePerMs / 1000), notice };
  }

  /** Hands back what `take` took, for work that turned out not to be done (a form refused for its answers). */
  giveBack(key: string): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.burst, b.tokens + 1);
  }

  /** Full buckets carry no information; dropping them keeps memory flat however many people write. */
  private prune(t: number): void {
    if (this.buckets.size < 10_000) return;
    const fullAfterMs = Math.max(this.burst / (this.perMinute / 60_000), NOTICE_WINDOW_MS);
    for (const [key, b] of this.buckets) if (t - b.at > fullAfterMs) this.buckets.delete(key);
  }
}

/** "10 seconds", "3 minutes": how long to wait, in words a refusal can use. */
export function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
