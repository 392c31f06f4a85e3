/**
 * What the product is held to on text nobody tuned for (the understanding issue's targets),
 * and the floors the bot has reached on the frozen blind set. `npm run eval` prints both
 * beside the figures; blind.eval.test.ts fails below a floor. A floor only ever rises:
 * raise it when the bot gets better, never lower it to let a change through.
 */
export const TARGETS = {
  drafts: { unsafeRate: 0.01, verdictAccuracy: 0.93, falseAlarmRate: 0.05 },
  questions: { top1: 0.92, verdictAccuracy: 0.9, unsafe: 0 },
  /** French within this many points of English on each figure. */
  frenchGap: 0.05,
} as const;

/**
 * Reached on 28 Nov 2026 (drafts: verdict 74.2%, 4.9% of problems passed as OK, 10.2% of fine
 * drafts flagged; questions: top-1 80.0%, verdict 80.0%, 2 wrong "allowed"; French drafts 5.8
 * points under English, French questions above English), less two points of room.
 */
export const FLOORS = {
  drafts: { unsafeRate: 0.06, verdictAccuracy: 0.72, falseAlarmRate: 0.12 },
  questions: { top1: 0.78, verdictAccuracy: 0.78, unsafe: 2 },
  frenchGap: { draftVerdict: 0.08, questionTop1: 0.05 },
} as const;
