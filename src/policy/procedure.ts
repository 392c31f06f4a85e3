import fs from 'node:fs';
import { fromRoot } from '../paths';

/**
 * One numbered unit of the procedure: a section (`4.0`), a clause (`4.7`), a sub-item
 * (`4.6(c)`) or an Appendix A definition (`A:Board`). `text` is the procedure's own words,
 * cleaned of PDF-extraction debris; for a clause with sub-items it is only the lead-in
 * ("Employees will:"), see `clauseFullText`.
 */
export interface Clause {
  id: string;
  text: string;
  /** The sub-heading the clause sits under in the document, or a section's own title. */
  heading?: string;
  /** For a sub-item, the clause it belongs to. */
  parent?: string;
  /** For a clause with sub-items, their ids in order. */
  children?: string[];
  /** `4.0` for clauses 4.x and their sub-items, `A` for Appendix A definitions. */
  section: string;
  /** The defined term, for Appendix A definitions. */
  term?: string;
}

export interface Procedure {
  number: string;
  title: string;
  /** ISO date (YYYY-MM-DD). */
  issued: string;
  revised?: string;
  reviewed?: string;
  /** The commitment statement that precedes section 1.0, if any. */
  preamble?: { heading: string; text: string };
  clauses: Clause[];
  byId: ReadonlyMap<string, Clause>;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

const SMALL_WORDS = new Set(
  ['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with'],
);

/** The PDF's headings are in capitals; the bot shows them as a reader would write them. */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(/(\s+)/)
    .map((word, i) => {
      if (/^\s+$/.test(word) || word === '') return word;
      if (i > 0 && SMALL_WORDS.has(word)) return word;
      // A word without vowels (OCDSB) is an acronym, not a word to capitalise.
      if (word.length > 1 && !/[aeiouy]/.test(word)) return word.toUpperCase();
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');
}

function isoDate(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return t;
  const pad = (n: number) => String(n).padStart(2, '0');
  const dmy = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(t);
  if (dmy) {
    const m = MONTHS.findIndex((name) => name.startsWith(dmy[2]!.toLowerCase().slice(0, 3)));
    if (m >= 0) return `${dmy[3]}-${pad(m + 1)}-${pad(Number(dmy[1]))}`;
  }
  const mdy = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (mdy) {
    const m = MONTHS.findIndex((name) => name.startsWith(mdy[1]!.toLowerCase().slice(0, 3)));
    if (m >= 0) return `${mdy[3]}-${pad(m + 1)}-${pad(Number(mdy[2]))}`;
  }
  return t;
}

/**
 * PDF extraction drops the space after punctuation ("rights,human", "equity.The",
 * "group;and", "“friend”and/or"). Put it back without splitting the district's own
 * identifiers (P.100.IT, PR.708.IT), statute references (ss.170,171,307), version
 * numbers (2.0) or abbreviations (i.e.).
 */
export function mendSpacing(text: string): string {
  return text
    .replace(/,(?=[A-Za-z“"‘(])/g, ', ')
    .replace(/([A-Za-z]),(?=\d)/g, '$1, ')
    .replace(/;(?=\S)/g, '; ')
    .replace(/:(?=[A-Za-z“"‘(])/g, ': ')
    .replace(/([A-Za-z]):(?=\d)/g, '$1: ')
    .replace(/\)(?=[A-Za-z\d“"‘])/g, ') ')
    .replace(/\b([a-z])\.([a-z])\.(?=[A-Za-z])/g, '$1.$2. ')
    .replace(/([a-z]{2,})\.(?=[A-Z“"‘(])/g, '$1. ')
    .replace(/\b([A-Z]{2,})\.(?=[A-Z][a-z]{2,})/g, '$1. ')
    .replace(/”(?=[A-Za-z\d])/g, '” ')
    // A closing quote before a capital is the end of a quoted name (Teachers’Use); before a
    // small letter it is an apostrophe (school’s) and stays put.
    .replace(/’(?=[A-Z])/g, '’ ')
    .replace(/([A-Za-z])\((?=[A-Z])/g, '$1 (')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** Wrapped lines of one paragraph become one line; a line ending in a hyphen carries on without a space. */
function joinWrapped(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (out.endsWith('-')) out += line;
    else out += ' ' + line;
  }
  return out;
}

/** A reference list (one title a line, no sentence punctuation) keeps its line breaks. */
function isList(lines: string[]): boolean {
  return lines.length >= 3 && lines.every((l) => !/[.;:,]$/.test(l));
}

function unitText(lines: string[]): string {
  if (isList(lines)) return lines.map(mendSpacing).join('\n');
  return mendSpacing(joinWrapped(lines));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Unit {
  id: string;
  lines: string[];
  heading?: string;
  parent?: string;
  section: string;
  term?: string;
}

/**
 * Parse the procedure's extracted text. Ids, headings and structure all come from the
 * document itself, so a revised procedure (a reworded clause, a new 4.20) needs no code change.
 */
export function parseProcedure(raw: string): Procedure {
  let text = raw.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  // The document viewer's own comment, wherever it lands.
  text = text.replace(/\/?<?!--[\s\S]*?-->/g, '\n');

  const numberMatch = /PROCEDURE\s+([A-Z]{1,4}\.\d{2,4}\.[A-Z]{1,4})/.exec(text);
  if (!numberMatch) throw new Error('procedure number (e.g. "PROCEDURE PR.708.IT") not found');
  const number = numberMatch[1]!;
  // The viewer's breadcrumb ("HomeMy WebLinkAbout...") runs into the first line.
  text = text.slice(numberMatch.index);
  // Page footers such as "-3-PR.708.IT", alone on a line or glued to one.
  text = text.replace(new RegExp(`-\\d+-\\s*${escapeRe(number)}`, 'g'), '\n');

  const lines = text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l.length > 0);

  let title = '';
  let issued = '';
  let revised: string | undefined;
  let reviewed: string | undefined;
  let preambleHeading = '';
  const preambleLines: string[] = [];

  const units: Unit[] = [];
  let section: Unit | undefined;
  let clause: Unit | undefined;
  let current: Unit | undefined;
  let heading: string | undefined;
  let lastMajor = 0;
  let lastMinor = 0;
  let nextLetter = 'a';
  let inAppendix: string | undefined;
  let appendixHeading: string | undefined;

  const sectionRe = /^(\d+)\.0\s+([A-Z][A-Z ,&/-]*)$/;
  const clauseRe = /^(\d+)\.(\d+)\s+(\S.*)$/;
  const subItemRe = /^([a-z])\)\s*(.*)$/;
  const appendixRe = /^APPENDIX\s+([A-Z])\s*:\s*(.+)$/;
  const definitionRe = /^([A-Z][\w-]*(?: [\w-]+){0,3}?) means\b/;

  const isClauseStart = (line: string | undefined, major: number, minor: number): boolean => {
    if (!line) return false;
    const m = clauseRe.exec(line);
    if (!m) return false;
    const [maj, min] = [Number(m[1]), Number(m[2])];
    // Guards against a wrapped line that merely begins with a number.
    return maj === major && min > minor && min <= minor + 3;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];

    if (!section && !inAppendix) {
      const t = /^TITLE\s*:\s*(.+)$/i.exec(line);
      if (t) { title = titleCase(t[1]!.trim()); continue; }
      const d = /^Date Issued\s*:\s*(.*)$/i.exec(line);
      if (d) { issued = isoDate(d[1]!) ?? ''; continue; }
      const r = /^Last Revised\s*:\s*(.*)$/i.exec(line);
      if (r) { revised = isoDate(r[1]!); continue; }
      const v = /^Last Reviewed\s*:\s*(.*)$/i.exec(line);
      if (v) { reviewed = isoDate(v[1]!); continue; }
      if (line.startsWith('PROCEDURE ')) continue;
    }

    const sec = sectionRe.exec(line);
    if (sec && Number(sec[1]) === lastMajor + 1 && !inAppendix) {
      lastMajor = Number(sec[1]);
      lastMinor = 0;
      section = { id: `${lastMajor}.0`, lines: [], heading: titleCase(sec[2]!.trim()), section: `${lastMajor}.0` };
      units.push(section);
      current = section;
      clause = undefined;
      heading = undefined;
      continue;
    }

    const app = appendixRe.exec(line);
    if (app) {
      inAppendix = app[1]!;
      appendixHeading = `Appendix ${inAppendix}: ${titleCase(mendSpacing(app[2]!.trim()))}`;
      current = undefined;
      clause = undefined;
      continue;
    }

    if (inAppendix) {
      const def = definitionRe.exec(line);
      if (def) {
        const term = def[1]!;
        current = { id: `${inAppendix}:${term}`, lines: [line], heading: appendixHeading, section: inAppendix, term };
        units.push(current);
      } else if (current) {
        current.lines.push(line);
      }
      // Otherwise the appendix lead-in ("In this procedure,"), which defines nothing.
      continue;
    }

    if (!section) {
      const shouted = line === line.toUpperCase() && /[A-Z]/.test(line);
      if (!preambleHeading && shouted) preambleHeading = titleCase(mendSpacing(line));
      else preambleLines.push(line);
      continue;
    }

    if (isClauseStart(line, lastMajor, lastMinor)) {
      const m = clauseRe.exec(line)!;
      lastMinor = Number(m[2]);
      clause = { id: `${lastMajor}.${lastMinor}`, lines: [m[3]!], heading, section: section.id };
      units.push(clause);
      current = clause;
      nextLetter = 'a';
      continue;
    }

    const sub = subItemRe.exec(line);
    if (sub && clause && sub[1] === nextLetter) {
      current = {
        id: `${clause.id}(${nextLetter})`,
        lines: sub[2] ? [sub[2]] : [],
        heading: clause.heading,
        parent: clause.id,
        section: section.id,
      };
      units.push(current);
      nextLetter = String.fromCharCode(nextLetter.charCodeAt(0) + 1);
      continue;
    }

    // A sub-heading: a short unpunctuated line standing between the end of one
    // sentence and the start of the next clause.
    const prev = current?.lines[current.lines.length - 1];
    const endsSentence = prev === undefined || /[.;:]$/.test(prev);
    if (
      endsSentence &&
      /^[A-Z]/.test(line) &&
      !/[.;:,]$/.test(line) &&
      line.length <= 90 &&
      isClauseStart(next, lastMajor, lastMinor)
    ) {
      heading = mendSpacing(line);
      continue;
    }

    current?.lines.push(line);
  }

  const clauses: Clause[] = units.map((u) => {
    const c: Clause = { id: u.id, text: unitText(u.lines), section: u.section };
    if (u.heading) c.heading = u.heading;
    if (u.parent) c.parent = u.parent;
    if (u.term) {
      c.term = u.term;
    }
    return c;
  });
  const byId = new Map(clauses.map((c) => [c.id, c] as const));
  for (const c of clauses) {
    if (!c.parent) continue;
    const parent = byId.get(c.parent);
    if (parent) (parent.children ??= []).push(c.id);
  }

  const procedure: Procedure = { number, title, issued, clauses, byId };
  if (revised) procedure.revised = revised;
  if (reviewed) procedure.reviewed = reviewed;
  if (preambleHeading || preambleLines.length) {
    procedure.preamble = { heading: preambleHeading, text: unitText(preambleLines) };
  }
  return procedure;
}

/** A clause with its sub-items, as the procedure reads ("Employees will: a) ...; b) ..."). */
export function clauseFullText(procedure: Procedure, id: string): string {
  const clause = procedure.byId.get(id);
  if (!clause) throw new Error(`no clause ${id} in ${procedure.number}`);
  if (!clause.children?.length) return clause.text;
  const parts = clause.children.map((childId) => {
    const child = procedure.byId.get(childId)!;
    const letter = /\(([a-z])\)$/.exec(childId)?.[1] ?? '';
    return `${letter}) ${child.text}`;
  });
  return [clause.text, ...parts].join(' ');
}

/** True when one id is the other or its parent (4.6 and 4.6(c)). */
export function sameRule(procedure: Procedure | undefined, a: string, b: string): boolean {
  if (a === b) return true;
  const parentOf = (id: string) => procedure?.byId.get(id)?.parent ?? /^(.+)\([a-z]\)$/.exec(id)?.[1];
  return parentOf(a) === b || parentOf(b) === a;
}

export function loadProcedure(): Procedure {
  return parseProcedure(fs.readFileSync(fromRoot('src', 'policy', 'PR.708.IT.txt'), 'utf8'));
}
