import { citedClauses, decisionTimes, median, outcomeOf, percentile, questionsPerWeek, requestsPerWeek, type RequestFact } from '../../../src/oversight/stats';
import { addDays, districtDayStart, districtWeekOf, instantRange, weeksBetween, zoneOffsetMinutes } from '../../../src/oversight/time';

const fact = (over: Partial<RequestFact>): RequestFact => ({ kind: 'logo-use', state: 'approved', unitLabel: 'Maple Grove Public School', createdAt: '2026-03-02T15:00:00.000Z', ...over });

describe('district days and weeks', () => {
  it('starts a day at local midnight, through both daylight-saving changes', () => {
    expect(districtDayStart('2026-01-15').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(districtDayStart('2026-07-15').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    // 8 March 2026: clocks go forward at 2 a.m.; midnight is still EST.
    expect(districtDayStart('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(districtDayStart('2026-03-09').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(districtDayStart('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(zoneOffsetMinutes(new Date('2026-01-01T00:00:00Z'))).toBe(-300);
  });

  it('puts Sunday evening in Ottawa in the week that began the Monday before', () => {
    // 03:00 UTC Monday is 22:00 Sunday in Ottawa.
    expect(districtWeekOf('2026-03-09T03:00:00.000Z')).toBe('2026-03-02');
    expect(districtWeekOf('2026-03-09T05:00:00.000Z')).toBe('2026-03-09');
    expect(weeksBetween('2026-03-04', '2026-03-20')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(instantRange('2026-03-02', '2026-03-02')).toEqual({ since: '2026-03-02T05:00:00.000Z', until: '2026-03-03T05:00:00.000Z' });
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('figures behind the charts', () => {
  it('counts an expired approval as an approval and everything unfinished as open', () => {
    expect(outcomeOf('expired')).toBe('approved');
    expect(outcomeOf('escalated')).toBe('open');
    expect(outcomeOf('changes-requested')).toBe('open');
    expect(outcomeOf('withdrawn')).toBe('withdrawn');
  });

  it('counts requests per week by kind and outcome, leaving out those outside the weeks', () => {
    const weeks = ['2026-03-02', '2026-03-09'];
    const data = requestsPerWeek(
      [
        fact({}),
        fact({ state: 'declined' }),
        fact({ kind: 'school-account', state: 'awaiting-decision', createdAt: '2026-03-10T15:00:00.000Z' }),
        fact({ createdAt: '2026-01-10T15:00:00.000Z' }),
      ],
      weeks,
    );
    expect(data.counts['logo-use'].approved).toEqual([1, 0]);
    expect(data.counts['logo-use'].declined).toEqual([1, 0]);
    expect(data.counts['school-account'].open).toEqual([0, 1]);
    expect(data.counts['club-following'].approved).toEqual([0, 0]);
  });

  it('takes the median and the nearest-rank 90th percentile', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeUndefined();
  });

  it('measures days from submission to the first decision, by school, slowest first', () => {
    const at = (days: number) => new Date(Date.parse('2026-03-02T15:00:00.000Z') + days * 86_400_000).toISOString();
    const rows = decisionTimes([
      ...[1, 2, 3, 4, 10].map((d) => fact({ decidedAt: at(d) })),
      fact({ unitLabel: 'Riverside Secondary School', decidedAt: at(0.5) }),
      fact({ unitLabel: 'Riverside Secondary School' }),
    ]);
    expect(rows).toEqual([
      { unit: 'Maple Grove Public School', count: 5, medianDays: 3, p90Days: 10 },
      { unit: 'Riverside Secondary School', count: 1, medianDays: 0.5, p90Days: 0.5 },
    ]);
  });

  it('counts questions per week and the share the bot could not answer', () => {
    const data = questionsPerWeek(
      [
        { createdAt: '2026-03-03T15:00:00.000Z', verdict: 'allowed', clauses: ['4.2'] },
        { createdAt: '2026-03-03T16:00:00.000Z', verdict: 'unknown', clauses: [] },
        { createdAt: '2026-03-04T16:00:00.000Z', verdict: 'unknown', clauses: [] },
        { createdAt: '2026-03-05T16:00:00.000Z', verdict: 'not-allowed', clauses: ['4.7'] },
      ],
      ['2026-03-02', '2026-03-09'],
    );
    expect(data).toEqual({ weeks: ['2026-03-02', '2026-03-09'], asked: [4, 0], unknown: [2, 0], share: [0.5, null] });
  });

  it('ranks the clauses cited in answers and requests, counting sub-items under their clause', () => {
    const rows = citedClauses(
      [
        { createdAt: '', verdict: 'not-allowed', clauses: ['4.7', '4.17', '4.15'] },
        { createdAt: '', verdict: 'not-allowed', clauses: ['4.7'] },
        { createdAt: '', verdict: 'needs-permission', clauses: ['4.10(a)', '4.10(b)'] },
        { createdAt: '', verdict: 'unknown', clauses: ['4.4'] },
      ],
      [{ kind: 'school-account' }, { kind: 'logo-use' }],
    );
    // Equal totals keep the procedure's order: 4.7 before 4.10.
    expect(rows.slice(0, 2)).toEqual([
      { clause: '4.7', questions: 2, requests: 0, total: 2 },
      { clause: '4.10', questions: 1, requests: 1, total: 2 },
    ]);
    expect(rows.some((r) => r.clause === '4.15')).toBe(false);
    expect(rows.some((r) => r.clause === '4.4')).toBe(false);
    expect(rows.find((r) => r.clause === '4.11')).toEqual({ clause: '4.11', questions: 0, requests: 1, total: 1 });
  });
});
