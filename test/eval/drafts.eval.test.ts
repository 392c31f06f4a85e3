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

  describe.each([['heldout'], ['all']] as const)('%s drafts', (name) => {
    const e = evaluateDrafts(name === 'all' ? undefined : name, drafts);
    const report = formatReport(name, e);

    it('lets no problematic draft pass as ok', () => {
      expect({ unsafePasses: e.unsafePasses, report }).toEqual({ unsafePasses: 0, report });
    });

    it('gets at least 95% of verdicts right', () => {
      expect({ ok: e.verdictAccuracy >= 0.95, report }).toEqual({ ok: true, report });
    });

    it('flags at most 5% of fine drafts', () => {
      expect({ ok: e.falseAlarms <= 0.05, report }).toEqual({ ok: true, report });
    });
  });
});
