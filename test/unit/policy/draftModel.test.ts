import fs from 'node:fs';
import { checkDraft } from '../../../src/policy/check';
import { createDraftModel, defaultDraftModel, draftFeatures, DRAFT_MODEL_FILE, MODEL_KINDS, MODEL_LABELS, modelTokens, type DraftModelArtefact, type ModelLabel } from '../../../src/policy/draftModel';
import { train, toArtefact } from '../../../src/policy/draftTraining';
import { trainingFiles, trainingHash } from '../../../scripts/trainDraftModel';

/** A model written by hand: every label's bias says how likely it is, whatever the words. */
function fixedModel(p: Partial<Record<ModelLabel, number>>, over: Partial<DraftModelArtefact> = {}): ReturnType<typeof createDraftModel> {
  const logit = (x: number) => Math.log(x / (1 - x));
  const thresholds = Object.fromEntries(MODEL_LABELS.map((l) => [l, 0.85])) as Record<ModelLabel, number>;
  return createDraftModel({
    version: 1,
    trainedOn: { files: [], sha256: '', drafts: 0 },
    labels: [...MODEL_LABELS],
    thresholds,
    unsureThreshold: 0.7,
    unsureKindThreshold: 0.5,
    bias: MODEL_LABELS.map((l) => logit(p[l] ?? 0.01)),
    weights: {},
    ...over,
  });
}

const fine = 'Our spring concert is on Thursday at 7 pm in the gym. Everyone is welcome!';

describe('the draft model', () => {
  it('is the one the current batches train (run npm run train after changing them)', () => {
    const artefact = JSON.parse(fs.readFileSync(DRAFT_MODEL_FILE, 'utf8')) as DraftModelArtefact;
    expect(artefact.trainedOn.files).toEqual(trainingFiles());
    expect(artefact.trainedOn.sha256).toBe(trainingHash(trainingFiles()));
    // Never the frozen blind set.
    expect(artefact.trainedOn.files.some((f) => f.includes('blind'))).toBe(false);
  });

  it('trains the same weights from the same drafts', () => {
    const drafts = [
      { text: 'Proud of our team tonight!', account: 'school' as const, kinds: [], problem: false },
      { text: 'DM me on snap if you need help with homework', account: 'personal' as const, kinds: ['student-contact' as const], problem: true },
      { text: 'Proud of the whole team, see you Monday', account: 'school' as const, kinds: [], problem: false },
      { text: 'text me on snap for the homework', account: 'personal' as const, kinds: ['student-contact' as const], problem: true },
    ];
    const meta = { trainedOn: { files: [], sha256: '', drafts: 4 }, thresholds: Object.fromEntries(MODEL_LABELS.map((l) => [l, 0.5])) as Record<ModelLabel, number>, unsureThreshold: 0.7, unsureKindThreshold: 0.5 };
    expect(JSON.stringify(toArtefact(train(drafts, { minCount: 1 }), meta))).toBe(JSON.stringify(toArtefact(train(drafts, { minCount: 1 }), meta)));
  });

  it('reads French and English alike: accents folded, names and numbers marked, emojis and hashtags kept', () => {
    expect(modelTokens('Élève de 6e année')).toEqual(['eleve', 'de', '<n>e', 'annee']);
    expect(modelTokens('Bravo à Chloé 🙃 #teacherlife')).toEqual(['bravo', 'a', '<name>', 'chloe', '🙃', '#teacherlife', 'teacherlife']);
    expect(draftFeatures('eleve', 'school').has('w:eleve')).toBe(true);
    expect([...draftFeatures('Élève', 'school').keys()]).toEqual([...draftFeatures('eleve', 'school').keys()]);
    expect(draftFeatures('vote for her', 'school').has('school|vote')).toBe(true);
  });

  it('adds a finding for a kind it is sure of that no detector found, about the draft as a whole', () => {
    const r = checkDraft(fine, { account: 'school' }, fixedModel({ defamatory: 0.95, problem: 0.95 }));
    expect(r.verdict).toBe('not-allowed');
    const f = r.findings.find((x) => x.kind === 'defamatory')!;
    expect(f).toMatchObject({ start: 0, end: 0, clause: '4.6(b)' });
    expect(f.message).toMatch(/reflects negatively/);
    // No rewrite is offered for a finding it cannot point at.
    expect(r.redacted).toBeUndefined();
  });

  it('never calls a draft it doubts fine: it says what it could not judge and sends it to Communications (4.4)', () => {
    const byProblem = checkDraft(fine, { account: 'school' }, fixedModel({ problem: 0.75, confidential: 0.3 }));
    expect(byProblem.verdict).toBe('ask-communications');
    expect(byProblem.clauses[0]).toBe('4.4');
    expect(byProblem.findings[0]!.message).toMatch(/can't tell for sure.*confidential/);
    const byKind = checkDraft(fine, { account: 'school' }, fixedModel({ problem: 0.2, 'personal-information': 0.6 }));
    expect(byKind.verdict).toBe('ask-communications');
    expect(byKind.findings[0]!.message).toMatch(/personal information/);
    expect(checkDraft(fine, { account: 'school' }, fixedModel({ problem: 0.2 })).verdict).toBe('ok');
  });

  it('leaves political views on a personal account alone, as the procedure does', () => {
    const model = fixedModel({ political: 0.97, problem: 0.3 });
    expect(checkDraft('I am voting for the Greens this time.', { account: 'personal' }, model).verdict).toBe('ok');
    expect(checkDraft('Vote for the Greens this time!', { account: 'school' }, model).verdict).toBe('not-allowed');
  });

  it('does not repeat a kind a detector already found', () => {
    const text = 'Email me at jane.doe@gmail.com';
    const r = checkDraft(text, { account: 'personal' }, fixedModel({ 'personal-information': 0.99, problem: 0.99 }));
    expect(r.findings.filter((f) => f.kind === 'personal-information')).toHaveLength(1);
    expect(r.findings[0]!.end).toBeGreaterThan(0);
  });

  it('is shipped and gives every kind a probability', () => {
    const model = defaultDraftModel();
    expect(model).not.toBeNull();
    const p = model!.predict(fine, 'school');
    for (const k of MODEL_KINDS) expect(p[k]).toBeGreaterThanOrEqual(0);
    expect(p.problem).toBeLessThan(0.5);
  });
});

describe('the suggested rewrite', () => {
  it('is not offered when the check would still doubt the rewritten draft', () => {
    const text = 'Questions about the form? Email j.smith@gmail.com';
    const sure = checkDraft(text, { account: 'school' }, fixedModel({ problem: 0.1 }));
    expect(sure.redacted).toBe('Questions about the form? Email [email removed]');
    const doubtful = checkDraft(text, { account: 'school' }, fixedModel({ problem: 0.9 }));
    expect(doubtful.verdict).toBe('not-allowed');
    expect(doubtful.redacted).toBeUndefined();
  });
});
