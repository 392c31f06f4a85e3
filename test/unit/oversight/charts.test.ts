import { clausesChart, decisionTimeChart, escapeXml, niceMax, questionsChart, requestsPerWeekChart, ticks } from '../../../src/oversight/charts';
import { requestsPerWeek, type RequestFact } from '../../../src/oversight/stats';
import { KIND_SHORT_TITLES } from '../../../src/requests/views';

/** Every tag closed in order and every attribute quoted: enough to know a browser parses it as SVG. */
function wellFormed(svg: string): void {
  const stack: string[] = [];
  const tags = svg.match(/<[^>]+>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/=[^"\s>]/);
    if (tag.endsWith('/>')) continue;
    const close = /^<\/([\w:-]+)>$/.exec(tag);
    if (close) expect(stack.pop()).toBe(close[1]);
    else stack.push(/^<([\w:-]+)/.exec(tag)![1]!);
  }
  expect(stack).toEqual([]);
  // Text between tags has no raw markup characters left.
  for (const text of svg.split(/<[^>]+>/)) expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|#39;)/);
}

const counts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`class="${cls}" data-count="(\\d+)"`, 'g'))].map((m) => Number(m[1]));
const heights = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`height="([\\d.]+)" fill="[^"]+" ?[^>]*class="${cls}"`, 'g'))].map((m) => Number(m[1]));

describe('charts as SVG', () => {
  it('rounds axis maxima to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 10, 11, 45, 120].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200]);
  });

  it('puts gridlines at round numbers only', () => {
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(ticks(0.5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(ticks(20, 2)).toEqual([0, 10, 20]);
    expect(ticks(5, 2)).toEqual([0, 5]);
  });

  it('draws requests per week stacked by outcome, bar heights in proportion', () => {
    const f = (state: RequestFact['state'], createdAt: string): RequestFact => ({ kind: 'logo-use', state, unitLabel: 'x', createdAt });
    const data = requestsPerWeek(
      [f('approved', '2026-03-03T15:00:00Z'), f('approved', '2026-03-03T15:00:00Z'), f('declined', '2026-03-03T15:00:00Z'), f('approved', '2026-03-10T15:00:00Z')],
      ['2026-03-02', '2026-03-09'],
    );
    const chart = requestsPerWeekChart(data, KIND_SHORT_TITLES);
    wellFormed(chart.svg);
    expect(chart.svg).toContain('role="img"');
    expect(chart.svg).toContain('<title id="requests-per-week-title">Requests per week, by kind and outcome</title>');
    expect(counts(chart.svg, 'bar')).toEqual([2, 1, 1]);
    const [twoApproved, oneDeclined, oneApproved] = heights(chart.svg, 'bar');
    expect(twoApproved).toBeCloseTo(2 * oneDeclined!, 5);
    expect(oneApproved).toBeCloseTo(oneDeclined!, 5);
    expect(chart.summary).toBe('4 requests over 2 weeks.');
    expect(chart.table.rows).toEqual([
      ['2026-03-02', KIND_SHORT_TITLES['logo-use'], '2', '1', '0', '0', '3'],
      ['2026-03-09', KIND_SHORT_TITLES['logo-use'], '1', '0', '0', '0', '1'],
    ]);
  });

  it('draws the median and the 90th percentile per school, and escapes names', () => {
    const chart = decisionTimeChart([
      { unit: 'École <Saint-Jean> & "Fils"', count: 4, medianDays: 2, p90Days: 8 },
      { unit: 'Riverside', count: 2, medianDays: 1, p90Days: 1.5 },
    ]);
    wellFormed(chart.svg);
    expect(chart.svg).toContain('École &lt;Saint-Jean&gt; &amp; &quot;Fils&quot;');
    expect(chart.svg).not.toContain('<Saint-Jean>');
    expect([...chart.svg.matchAll(/class="median" data-days="([\d.]+)"/g)].map((m) => m[1])).toEqual(['2.0', '1.0']);
    expect([...chart.svg.matchAll(/class="p90" data-days="([\d.]+)"/g)].map((m) => m[1])).toEqual(['8.0', '1.5']);
    expect(chart.table.rows[0]).toEqual(['École <Saint-Jean> & "Fils"', '4', '2.0', '8.0']);
    expect(chart.summary).toContain('90% of decisions within 8.0 days');
  });

  it('draws questions as bars and the unanswered share as a line on a 0–100% axis', () => {
    const chart = questionsChart({ weeks: ['2026-03-02', '2026-03-09', '2026-03-16'], asked: [10, 0, 4], unknown: [1, 0, 2], share: [0.1, null, 0.5] });
    wellFormed(chart.svg);
    expect(counts(chart.svg, 'bar')).toEqual([10, 4]);
    expect([...chart.svg.matchAll(/class="share" data-share="(\d+%)"/g)].map((m) => m[1])).toEqual(['10%', '50%']);
    expect(chart.svg).toContain('<polyline');
    expect(chart.summary).toBe('14 questions; the bot could not answer 3 (21%).');
  });

  it('draws the most cited clauses split by where they were cited', () => {
    const chart = clausesChart(
      [
        { clause: '4.7', questions: 5, requests: 0, total: 5 },
        { clause: '4.13', questions: 1, requests: 3, total: 4 },
      ],
      (c) => (c === '4.7' ? 'Students & social media' : ''),
    );
    wellFormed(chart.svg);
    expect(chart.svg).toContain('4.7 · Students &amp; social media');
    expect(counts(chart.svg, 'bar')).toEqual([5, 1, 3]);
    expect(chart.summary).toBe('The most cited clause is 4.7 (5 times).');
  });

  it('says so plainly when there is nothing to draw', () => {
    for (const chart of [
      requestsPerWeekChart(requestsPerWeek([], ['2026-03-02']), KIND_SHORT_TITLES),
      decisionTimeChart([]),
      questionsChart({ weeks: ['2026-03-02'], asked: [0], unknown: [0], share: [null] }),
      clausesChart([], () => ''),
    ]) {
      wellFormed(chart.svg);
      expect(chart.svg).toMatch(/No (requests|decisions|questions)|Nothing cited/);
    }
  });

  it('escapes every markup character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
