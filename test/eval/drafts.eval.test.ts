import { evaluateDrafts, formatReport, loadDrafts } from './drafts';

describe('labelled drafts', () => {
  const drafts = loadDrafts();

  it('has enough drafts, about half fine, with a held-out split of at least 40', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(120);
    expect(drafts.filter((d) => d.split === 'heldout').length).toBeGreaterThanOrEqual(40);
    const okShare = drafts.filter((d) => d.verdict === 'ok').length / drafts.length;
    expect(okShare).toBeGreaterThan(0.35);
    expect(okShare).toBeLessThan(0.65);
    expect(new Set(drafts.map((d) => d.id)).size).toBe(drafts.length);
  });

  it('labels agree with their kinds: ok drafts carry only advice', () => {
    for (const d of drafts) {
      if (d.verdict === 'ok') expect(d.kinds.filter((k) => k !== 'disclaimer-missing')).toEqual([]);
      else expect(d.kinds.length).toBeGreaterThan(0);
    }
  });

  /**
   * These drafts were written beside the detectors, so they hold the detectors to their
   * word (detectors alone). The whole check — detectors and the learned model, which sends
   * a draft it doubts to Communications — is held on the frozen blind set
   * (blind.eval.test.ts); here it must still let no problem draft pass.
   */
  describe.each([['heldout'], ['all']] as const)('%s drafts', (name) => {
    const detectors = evaluateDrafts(name === 'all' ? undefined : name, drafts, null);
    const whole = evaluateDrafts(name === 'all' ? undefined : name, drafts);
    const report = formatReport(name, detectors);

    it('lets no problematic draft pass as ok, with or without the model', () => {
      expect({ unsafePasses: detectors.unsafePasses, report }).toEqual({ unsafePasses: 0, report });
      expect({ unsafePasses: whole.unsafePasses, report: formatReport(name, whole) }).toEqual({ unsafePasses: 0, report: formatReport(name, whole) });
    });

    it('gets at least 95% of verdicts right (detectors)', () => {
      expect({ ok: detectors.verdictAccuracy >= 0.95, report }).toEqual({ ok: true, report });
    });

    it('flags at most 5% of fine drafts (detectors)', () => {
      expect({ ok: detectors.falseAlarms <= 0.05, report }).toEqual({ ok: true, report });
    });
  });
});
