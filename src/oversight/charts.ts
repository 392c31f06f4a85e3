import { REQUEST_KINDS, type RequestKind } from '../requests/requestKind';
import { OUTCOMES, type CitedClause, type DecisionTimeRow, type Outcome, type QuestionsPerWeek, type RequestsPerWeek } from './stats';
import { shortDay } from './time';

/**
 * The tab's charts as SVG, drawn on the server by pure functions: the same
 * figures always give the same markup, tests read the numbers back out of
 * it, and the browser needs no charting library. Each chart is an image with
 * a title and a description for screen readers, every mark carries a
 * tooltip, and each comes with the same figures as a table.
 */

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

export interface Chart {
  id: string;
  title: string;
  /** One sentence a screen reader says before the table. */
  summary: string;
  svg: string;
  table: ChartTable;
}

const FONT = "'Segoe UI', system-ui, -apple-system, sans-serif";
const INK = '#242424';
const SUBTLE = '#616161';
const GRID = '#e0e0e0';

/** Each at least 3:1 against white (WCAG 1.4.11), and told apart by the legend's words too. */
export const OUTCOME_COLORS: Record<Outcome, string> = { approved: '#237b4b', declined: '#c4314b', open: '#0f6cbd', withdrawn: '#707070' };
export const OUTCOME_LABELS: Record<Outcome, string> = { approved: 'Approved', declined: 'Declined', open: 'Still open', withdrawn: 'Withdrawn' };
const BLUE = '#0f6cbd';
const ORANGE = '#bc4b09';
const PURPLE = '#8764b8';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Numbers in SVG attributes: two decimals at most, no "-0". */
function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A round axis maximum at or above `value`: 1, 2, 5 × 10ⁿ. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

/** Gridlines at round steps of a niceMax() maximum: 1 → 0.2, 2 → 0.5, 5 → 1 (× 10ⁿ); at most `most` steps. */
export function ticks(max: number, most = 5): number[] {
  const exp = 10 ** Math.floor(Math.log10(max));
  const leading = Math.round(max / exp);
  let count = leading === 2 ? 4 : 5;
  // Small panels: halve the gridlines while the steps stay whole.
  while (count > most && count % 2 === 0) count /= 2;
  if (count > most) count = 1;
  return Array.from({ length: count + 1 }, (_, i) => Math.round(((i * max) / count) * 1e6) / 1e6);
}

function svgDoc(id: string, width: number, height: number, title: string, desc: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="12" fill="${INK}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, tip: string, attrs = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(Math.max(0, h))}" fill="${fill}"${attrs ? ` ${attrs}` : ''}><title>${escapeXml(tip)}</title></rect>`;
}

function legend(x: number, y: number, items: Array<{ label: string; color: string }>): string[] {
  const out: string[] = [];
  let at = x;
  for (const item of items) {
    out.push(`<rect x="${n(at)}" y="${n(y - 10)}" width="12" height="12" rx="2" fill="${item.color}"/>`, text(at + 17, y, item.label));
    at += 17 + item.label.length * 7 + 18;
  }
  return out;
}

function noData(id: string, title: string, width: number, why: string): string {
  return svgDoc(id, width, 120, title, why, [text(width / 2, 64, why, `text-anchor="middle" fill="${SUBTLE}" font-size="14"`)]);
}

/** Week labels: every one when few, else every second, third… so they never overlap. */
function weekLabelEvery(weeks: number, plotWidth: number): number {
  return Math.max(1, Math.ceil((weeks * 44) / plotWidth));
}

function days(x: number): string {
  return x < 10 ? x.toFixed(1) : String(Math.round(x));
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

// ---------------------------------------------------------------------------

/** Requests per week, one small panel per kind, each bar stacked by outcome. */
export function requestsPerWeekChart(data: RequestsPerWeek, kindTitles: Record<RequestKind, string>, id = 'requests-per-week'): Chart {
  const title = 'Requests per week, by kind and outcome';
  const totals = REQUEST_KINDS.map((k) => data.weeks.map((_, i) => OUTCOMES.reduce((s, o) => s + data.counts[k][o][i]!, 0)));
  const all = totals.flat().reduce((s, x) => s + x, 0);
  const table: ChartTable = {
    columns: ['Week of', 'Kind', ...OUTCOMES.map((o) => OUTCOME_LABELS[o]), 'Total'],
    rows: data.weeks.flatMap((w, i) =>
      REQUEST_KINDS.filter((k) => totals[REQUEST_KINDS.indexOf(k)]![i]! > 0).map((k) => [
        w,
        kindTitles[k],
        ...OUTCOMES.map((o) => String(data.counts[k][o][i]!)),
        String(totals[REQUEST_KINDS.indexOf(k)]![i]!),
      ]),
    ),
  };
  const summary = `${all} request${all === 1 ? '' : 's'} over ${data.weeks.length} week${data.weeks.length === 1 ? '' : 's'}.`;
  const width = 720;
  if (all === 0 || data.weeks.length === 0) return { id, title, summary, svg: noData(id, title, width, 'No requests in this period.'), table };

  const left = 44;
  const right = 16;
  const panelH = 78;
  const panelGap = 30;
  const top = 44;
  const plotW = width - left - right;
  const yMax = niceMax(Math.max(...totals.flat()));
  const slot = plotW / data.weeks.length;
  const barW = Math.min(36, slot * 0.7);
  const every = weekLabelEvery(data.weeks.length, plotW);
  const height = top + REQUEST_KINDS.length * (panelH + panelGap) + 8;
  const body: string[] = legend(left, 22, OUTCOMES.map((o) => ({ label: OUTCOME_LABELS[o], color: OUTCOME_COLORS[o] })));

  REQUEST_KINDS.forEach((kind, k) => {
    const y0 = top + k * (panelH + panelGap) + 16;
    const base = y0 + panelH;
    body.push(text(left, y0 - 6, kindTitles[kind], 'font-weight="600"'));
    for (const t of ticks(yMax, 2)) {
      const y = base - (t / yMax) * panelH;
      body.push(`<line x1="${left}" x2="${width - right}" y1="${n(y)}" y2="${n(y)}" stroke="${GRID}"/>`, text(left - 6, y + 4, String(Math.round(t)), `text-anchor="end" fill="${SUBTLE}" font-size="11"`));
    }
    data.weeks.forEach((week, i) => {
      const x = left + i * slot + (slot - barW) / 2;
      let y = base;
      for (const o of OUTCOMES) {
        const count = data.counts[kind][o][i]!;
        if (count === 0) continue;
        const h = (count / yMax) * panelH;
        y -= h;
        body.push(rect(x, y, barW, h, OUTCOME_COLORS[o], `Week of ${shortDay(week)} · ${kindTitles[kind]} · ${OUTCOME_LABELS[o]}: ${count}`, 'stroke="#ffffff" stroke-width="1" class="bar" data-count="' + count + '"'));
      }
      if (k === REQUEST_KINDS.length - 1 && i % every === 0) body.push(text(x + barW / 2, base + 16, shortDay(week), `text-anchor="middle" fill="${SUBTLE}" font-size="11"`));
    });
  });
  return { id, title, summary, svg: svgDoc(id, width, height, title, summary, body), table };
}

/** Days from submission to decision by school: the median as a solid bar, the 90th percentile as the outlined one. */
export function decisionTimeChart(rows: readonly DecisionTimeRow[], id = 'time-to-decision'): Chart {
  const title = 'Time to decision by school (median and 90th percentile, days)';
  const table: ChartTable = {
    columns: ['School or department', 'Decisions', 'Median (days)', '90th percentile (days)'],
    rows: rows.map((r) => [r.unit, String(r.count), days(r.medianDays), days(r.p90Days)]),
  };
  const slowest = rows[0];
  const summary = slowest
    ? `${rows.length} ${rows.length === 1 ? 'school or department' : 'schools or departments'}; the slowest is ${slowest.unit}, with 90% of decisions within ${days(slowest.p90Days)} days.`
    : 'No decisions in this period.';
  const width = 720;
  if (rows.length === 0) return { id, title, summary, svg: noData(id, title, width, 'No decisions in this period.'), table };

  const left = 220;
  const right = 190;
  const top = 44;
  const rowH = 34;
  const plotW = width - left - right;
  const xMax = niceMax(Math.max(...rows.map((r) => r.p90Days), 0.5));
  const height = top + rows.length * rowH + 30;
  const body: string[] = legend(left, 22, [
    { label: 'Median', color: BLUE },
    { label: '90th percentile', color: '#cfe4fa' },
  ]);
  for (const t of ticks(xMax)) {
    const x = left + (t / xMax) * plotW;
    body.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${top}" y2="${top + rows.length * rowH}" stroke="${GRID}"/>`, text(x, top + rows.length * rowH + 16, `${days(t)} d`, `text-anchor="middle" fill="${SUBTLE}" font-size="11"`));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    body.push(text(left - 10, y + rowH / 2 + 4, r.unit.length > 32 ? `${r.unit.slice(0, 31)}…` : r.unit, 'text-anchor="end"'));
    body.push(rect(left, y + 7, (r.p90Days / xMax) * plotW, rowH - 14, '#cfe4fa', `${r.unit}: 90% decided within ${days(r.p90Days)} days`, `stroke="${BLUE}" stroke-width="1" class="p90" data-days="${days(r.p90Days)}"`));
    body.push(rect(left, y + 12, (r.medianDays / xMax) * plotW, rowH - 24, BLUE, `${r.unit}: median ${days(r.medianDays)} days`, `class="median" data-days="${days(r.medianDays)}"`));
    body.push(text(width - right + 10, y + rowH / 2 + 4, `median ${days(r.medianDays)} d · 90% ${days(r.p90Days)} d · n=${r.count}`, `fill="${SUBTLE}" font-size="11"`));
  });
  return { id, title, summary, svg: svgDoc(id, width, height, title, summary, body), table };
}

/** Questions asked per week as bars, and the share the bot could not answer as a line on its own 0–100% axis. */
export function questionsChart(data: QuestionsPerWeek, id = 'questions-per-week'): Chart {
  const title = 'Questions asked per week, and the share the bot could not answer';
  const asked = data.asked.reduce((s, x) => s + x, 0);
  const unknown = data.unknown.reduce((s, x) => s + x, 0);
  const table: ChartTable = {
    columns: ['Week of', 'Questions', 'Not answered', 'Share not answered'],
    rows: data.weeks.map((w, i) => [w, String(data.asked[i]), String(data.unknown[i]), data.share[i] === null ? '–' : percent(data.share[i]!)]),
  };
  const summary = asked === 0 ? 'No questions in this period.' : `${asked} questions; the bot could not answer ${unknown} (${percent(unknown / asked)}).`;
  const width = 720;
  if (asked === 0) return { id, title, summary, svg: noData(id, title, width, 'No questions in this period.'), table };

  const left = 44;
  const right = 48;
  const top = 44;
  const plotH = 200;
  const plotW = width - left - right;
  const yMax = niceMax(Math.max(...data.asked));
  const slot = plotW / data.weeks.length;
  const barW = Math.min(36, slot * 0.6);
  const every = weekLabelEvery(data.weeks.length, plotW);
  const base = top + plotH;
  const height = base + 30;
  const body: string[] = legend(left, 22, [
    { label: 'Questions asked', color: BLUE },
    { label: 'Share not answered', color: ORANGE },
  ]);
  for (const t of ticks(yMax)) {
    const y = base - (t / yMax) * plotH;
    body.push(`<line x1="${left}" x2="${width - right}" y1="${n(y)}" y2="${n(y)}" stroke="${GRID}"/>`, text(left - 6, y + 4, String(Math.round(t * 10) / 10), `text-anchor="end" fill="${SUBTLE}" font-size="11"`));
    body.push(text(width - right + 6, y + 4, percent(t / yMax), `fill="${ORANGE}" font-size="11"`));
  }
  const points: string[] = [];
  data.weeks.forEach((week, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const count = data.asked[i]!;
    if (count > 0) body.push(rect(x, base - (count / yMax) * plotH, barW, (count / yMax) * plotH, BLUE, `Week of ${shortDay(week)}: ${count} questions`, `class="bar" data-count="${count}"`));
    const share = data.share[i];
    if (share !== null && share !== undefined) points.push(`${n(x + barW / 2)},${n(base - share * plotH)}`);
    if (i % every === 0) body.push(text(x + barW / 2, base + 16, shortDay(week), `text-anchor="middle" fill="${SUBTLE}" font-size="11"`));
  });
  if (points.length > 1) body.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${ORANGE}" stroke-width="2.5"/>`);
  data.weeks.forEach((week, i) => {
    const share = data.share[i];
    if (share === null || share === undefined) return;
    const x = left + i * slot + slot / 2;
    body.push(`<circle cx="${n(x)}" cy="${n(base - share * plotH)}" r="4" fill="${ORANGE}" stroke="#ffffff" stroke-width="1.5" class="share" data-share="${percent(share)}"><title>${escapeXml(`Week of ${shortDay(week)}: ${data.unknown[i]} of ${data.asked[i]} not answered (${percent(share)})`)}</title></circle>`);
  });
  return { id, title, summary, svg: svgDoc(id, width, height, title, summary, body), table };
}

/** The most cited clauses, as bars split between questions and permission requests. */
export function clausesChart(rows: readonly CitedClause[], headings: (clause: string) => string, id = 'cited-clauses'): Chart {
  const title = 'Most cited clauses of PR.708.IT';
  const table: ChartTable = {
    columns: ['Clause', 'Heading', 'In answers', 'In requests', 'Total'],
    rows: rows.map((r) => [r.clause, headings(r.clause), String(r.questions), String(r.requests), String(r.total)]),
  };
  const summary = rows[0] ? `The most cited clause is ${rows[0].clause} (${rows[0].total} times).` : 'Nothing cited in this period.';
  const width = 720;
  if (rows.length === 0) return { id, title, summary, svg: noData(id, title, width, 'Nothing cited in this period.'), table };

  const left = 230;
  const right = 60;
  const top = 44;
  const rowH = 28;
  const plotW = width - left - right;
  const xMax = niceMax(Math.max(...rows.map((r) => r.total)));
  const height = top + rows.length * rowH + 12;
  const body: string[] = legend(left, 22, [
    { label: 'In answers to questions', color: BLUE },
    { label: 'In permission requests', color: PURPLE },
  ]);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const heading = headings(r.clause);
    const label = heading ? `${r.clause} · ${heading}` : r.clause;
    body.push(text(left - 10, y + rowH / 2 + 4, label.length > 34 ? `${label.slice(0, 33)}…` : label, 'text-anchor="end"'));
    const qW = (r.questions / xMax) * plotW;
    const rW = (r.requests / xMax) * plotW;
    if (r.questions > 0) body.push(rect(left, y + 5, qW, rowH - 10, BLUE, `${r.clause}: cited in ${r.questions} answers`, `class="bar" data-count="${r.questions}"`));
    if (r.requests > 0) body.push(rect(left + qW, y + 5, rW, rowH - 10, PURPLE, `${r.clause}: ${r.requests} permission requests`, `class="bar" data-count="${r.requests}"`));
    body.push(text(left + qW + rW + 6, y + rowH / 2 + 4, String(r.total), `fill="${SUBTLE}" font-size="11"`));
  });
  return { id, title, summary, svg: svgDoc(id, width, height, title, summary, body), table };
}
