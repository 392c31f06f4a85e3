import fs from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../src/paths';
import { checkDraft } from '../../src/policy/check';
import type { CheckResult, Verdict } from '../../src/policy/check';
import type { FindingKind } from '../../src/policy/detectors/types';
import { defaultDraftModel, type DraftModel } from '../../src/policy/draftModel';

/**
 * The labelled drafts. The held-out split (h01-h60) was written before any detector existed and
 * has never been used to tune them. It was written by the same person who wrote the detectors,
 * though, so it is a friendlier test than the customer's drafts will be. To measure that bias,
 * six further batches were each written fresh, scored once, and only then added to the tune split
 * (t121-t160, t161-t210, t211-t262, t263-t322, t323-t382, t383-t442). Their first scores were
 * 80.0%, 92.0%, 76.9% (written to find weak spots), 93.3%, 86.7% and 95.0% verdict accuracy;
 * false alarms were 0% in five of them and 8% (2 of 25) in the third, so nearly every miss was an
 * unsafe pass: expect recall, not precision, to be what the customer's own drafts find lacking.
 */
const KINDS = [
  'personal-information',
  'confidential',
  'defamatory',
  'harassment-hate',
  'student-contact',
  'political',
  'speaking-for-school',
  'logo',
  'copyright',
  'crisis',
  'disclaimer-missing',
] as const satisfies readonly FindingKind[];

/** The poster's answers about an attached photo, as the check card asks them. */
export const ImageAnswers = z
  .object({
    showsStudents: z.boolean().optional(),
    studentsIdentifiable: z.boolean().optional(),
    consentOnFile: z.boolean().optional(),
    showsLogo: z.boolean().optional(),
  })
  .strict();

const Draft = z.object({
  id: z.string(),
  text: z.string(),
  account: z.enum(['personal', 'school', 'district']),
  verdict: z.enum(['ok', 'needs-permission', 'not-allowed', 'ask-communications']),
  kinds: z.array(z.enum(KINDS)),
  split: z.enum(['tune', 'heldout']),
  image: ImageAnswers.optional(),
});
export type Draft = z.infer<typeof Draft>;
export type Split = Draft['split'];

export function loadDrafts(file = fromRoot('test', 'eval', 'drafts.jsonl')): Draft[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return Draft.parse(JSON.parse(l));
      } catch (e) {
        throw new Error(`drafts.jsonl line ${i + 1}: ${(e as Error).message}`);
      }
    });
}

export interface Failure {
  id: string;
  expected: Verdict;
  got: Verdict;
  expectedKinds: FindingKind[];
  gotKinds: FindingKind[];
}

export interface DraftEvaluation {
  n: number;
  /** Share of drafts whose verdict matches the label. */
  verdictAccuracy: number;
  /** Drafts judged ok whose label is not ok: the failures that matter most. */
  unsafePasses: number;
  /** Share of label-ok drafts that were flagged with anything but ok. */
  falseAlarms: number;
  /** Verdict mismatches. */
  failures: Failure[];
  /** Drafts with the right verdict but a different set of finding kinds (informational). */
  kindMismatches: Failure[];
}

const kindsOf = (r: CheckResult): FindingKind[] => [...new Set(r.findings.map((f) => f.kind))].sort();

/** `model: null` measures the hand-written detectors alone (see checkDraft). */
export function evaluateDrafts(split?: Split, drafts: Draft[] = loadDrafts(), model: DraftModel | null = defaultDraftModel()): DraftEvaluation {
  const chosen = split === undefined ? drafts : drafts.filter((d) => d.split === split);
  let correct = 0;
  let unsafePasses = 0;
  let okLabels = 0;
  let okFlagged = 0;
  const failures: Failure[] = [];
  const kindMismatches: Failure[] = [];
  for (const d of chosen) {
    const r = checkDraft(d.text, d.image === undefined ? { account: d.account } : { account: d.account, image: d.image }, model);
    const row: Failure = {
      id: d.id,
      expected: d.verdict,
      got: r.verdict,
      expectedKinds: [...d.kinds].sort(),
      gotKinds: kindsOf(r),
    };
    if (r.verdict === d.verdict) correct++;
    else failures.push(row);
    if (r.verdict === 'ok' && d.verdict !== 'ok') unsafePasses++;
    if (d.verdict === 'ok') {
      okLabels++;
      if (r.verdict !== 'ok') okFlagged++;
    }
    if (r.verdict === d.verdict && row.expectedKinds.join() !== row.gotKinds.join()) kindMismatches.push(row);
  }
  return {
    n: chosen.length,
    verdictAccuracy: chosen.length === 0 ? 0 : correct / chosen.length,
    unsafePasses,
    falseAlarms: okLabels === 0 ? 0 : okFlagged / okLabels,
    failures,
    kindMismatches,
  };
}

/** A report without the drafts' text, which stays in the data file. */
export function formatReport(name: string, e: DraftEvaluation): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${name}: n=${e.n} verdict accuracy ${pct(e.verdictAccuracy)}, unsafe passes ${e.unsafePasses}, false alarms ${pct(e.falseAlarms)}`,
  ];
  for (const f of e.failures) {
    lines.push(`  FAIL ${f.id}: expected ${f.expected} [${f.expectedKinds.join(', ')}], got ${f.got} [${f.gotKinds.join(', ')}]`);
  }
  for (const f of e.kindMismatches) {
    lines.push(`  kinds ${f.id}: expected [${f.expectedKinds.join(', ')}], got [${f.gotKinds.join(', ')}]`);
  }
  return lines.join('\n');
}

export function printReport(split?: Split): DraftEvaluation {
  const e = evaluateDrafts(split);
  process.stdout.write(`${formatReport(split ?? 'all', e)}\n`);
  return e;
}

if (require.main === module) {
  const arg = process.argv[2];
  if (arg === 'tune' || arg === 'heldout') printReport(arg);
  else {
    printReport('tune');
    printReport('heldout');
    printReport();
  }
}
