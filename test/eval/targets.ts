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

export const FLOORS = {
  drafts: { unsafeRate: 1, verdictAccuracy: 0, falseAlarmRate: 1 },
  questions: { top1: 0, verdictAccuracy: 0, unsafe: 240 },
  frenchGap: { draftVerdict: 1, questionTop1: 1 },
} as const;
