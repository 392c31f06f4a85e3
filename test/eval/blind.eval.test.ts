import { loadBatches, loadBlind, scoreSet } from './corpus';
import { FLOORS } from './targets';

/**
 * The frozen blind set: written by outside writers who saw only the procedure, DOMAIN.md and
 * WRITING-BRIEF.md, and never tuned on — only scored. The targets are printed by
 * `npm run eval`; this test holds the floors the bot has reached (see targets.ts), so a
 * change that makes the bot worse on text nobody tuned for fails here.
 */
describe('the frozen blind set', () => {
  const blind = loadBlind();
  const s = scoreSet(blind);

  it('has at least 200 drafts and 200 questions, at least 15% of each in French, none shared with a batch', () => {
    expect(blind.drafts.length).toBeGreaterThanOrEqual(200);
    expect(blind.questions.length).toBeGreaterThanOrEqual(200);
    expect(s.drafts.fr.n / s.drafts.all.n).toBeGreaterThanOrEqual(0.15);
    expect(s.questions.fr.n / s.questions.all.n).toBeGreaterThanOrEqual(0.15);
    const batchTexts = new Set(loadBatches().flatMap((b) => [...b.drafts, ...b.questions].map((x) => x.text.trim().toLowerCase())));
    expect([...blind.drafts, ...blind.questions].filter((x) => batchTexts.has(x.text.trim().toLowerCase()))).toEqual([]);
    expect(new Set([...blind.drafts, ...blind.questions].map((x) => x.id)).size).toBe(blind.drafts.length + blind.questions.length);
  });

  it('drafts: at or above the floors reached', () => {
    const d = s.drafts.all;
    expect({ unsafeRate: d.unsafeRate <= FLOORS.drafts.unsafeRate, verdict: d.verdictAccuracy >= FLOORS.drafts.verdictAccuracy, falseAlarms: d.falseAlarmRate <= FLOORS.drafts.falseAlarmRate, d }).toEqual({ unsafeRate: true, verdict: true, falseAlarms: true, d });
  });

  it('questions: at or above the floors reached, and never "allowed" where the label says no or needs permission', () => {
    const q = s.questions.all;
    expect({ top1: q.top1 >= FLOORS.questions.top1, verdict: q.verdictAccuracy >= FLOORS.questions.verdictAccuracy, q }).toEqual({ top1: true, verdict: true, q });
    expect(q.unsafe).toBeLessThanOrEqual(FLOORS.questions.unsafe);
  });

  it('French: within the floor gap of English on each figure', () => {
    const gap = FLOORS.frenchGap;
    expect(s.drafts.en.verdictAccuracy - s.drafts.fr.verdictAccuracy).toBeLessThanOrEqual(gap.draftVerdict);
    expect(s.questions.en.top1 - s.questions.fr.top1).toBeLessThanOrEqual(gap.questionTop1);
  });
});
