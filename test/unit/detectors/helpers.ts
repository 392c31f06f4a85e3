import type { Account, Detector, DraftContext, Finding } from '../../../src/policy/detectors/types';

export const ctx = (account: Account = 'personal', image?: DraftContext['image']): DraftContext =>
  image === undefined ? { account } : { account, image };

/** The words each finding points at: what a test asserts so that spans are exact. */
export function spans(d: Detector, text: string, c: DraftContext = ctx()): string[] {
  return d.detect(text, c).map((f) => text.slice(f.start, f.end));
}

export function fires(d: Detector, text: string, c: DraftContext = ctx()): Finding[] {
  return d.detect(text, c);
}

/** Shared invariants: the finding's kind matches its detector, the span is inside the text, the main clause is listed first. */
export function expectWellFormed(d: Detector, text: string, c: DraftContext = ctx()): void {
  for (const f of d.detect(text, c)) {
    expect(f.kind).toBe(d.kind);
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.clauses[0]).toBe(f.clause);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.fix.length).toBeGreaterThan(0);
  }
}
