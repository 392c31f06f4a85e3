import type { Finding, FindingKind, Severity } from './types';

/**
 * Typographic variants replaced one UTF-16 unit for one, so that offsets found in
 * the normalized text are offsets in the draft as typed (spans must be exact).
 */
const VARIANTS = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u201C\u201D\u201E\u2033\u00A0\u2007\u202F\u2009\u200A\u2002\u2003\u2010\u2011\u2012\u2013\u2014\u2212]/g;
const REPLACEMENT: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u00B4': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u2033': '"',
  '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ', '\u2009': ' ', '\u200A': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};

// Every detector normalizes the same draft in turn; remembering the last one saves ten passes.
let lastRaw = '';
let lastNorm = '';
export function normalize(text: string): string {
  if (text === lastRaw) return lastNorm;
  const norm = text.replace(VARIANTS, (c) => REPLACEMENT[c] ?? c);
  lastRaw = text;
  lastNorm = norm;
  return norm;
}

/** Calls fn for every match of a global regex; fn returning false rejects the match without skipping what follows it. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  if (!re.global) throw new Error('eachMatch needs a global regex');
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

// The lookbehind lets only the first mark of a run start a match, keeping a long run of dots linear.
const TERMINATOR = /(?<![.!?])[.!?]+(?=\s|$)|\n/g;

/**
 * Sentence boundaries, computed once per text so that looking up a match's sentence is a
 * binary search: a 100 KB paste without punctuation must not make every look-up scan it.
 */
class Sentences {
  readonly ends: number[] = [];
  constructor(readonly text: string) {
    eachMatch(TERMINATOR, text, (m) => {
      this.ends.push(m.index + m[0].length);
    });
    this.ends.push(text.length);
  }
  /** [start, end) of the sentence holding position i, clipped to `reach` characters either side. */
  around(i: number, reach = 300): [number, number] {
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ends[mid] as number) <= i) lo = mid + 1;
      else hi = mid;
    }
    const start = lo === 0 ? 0 : (this.ends[lo - 1] as number);
    const end = this.ends[lo] as number;
    return [Math.max(start, i - reach), Math.min(end, i + reach)];
  }
}

let lastSentences: Sentences | null = null;
export function sentences(text: string): Sentences {
  if (lastSentences === null || lastSentences.text !== text) lastSentences = new Sentences(text);
  return lastSentences;
}

/** The text of the sentence around [start, end), bounded, for context tests. */
export function sentenceAround(text: string, start: number, end = start): { s: number; e: number; str: string } {
  const sent = sentences(text);
  const [s] = sent.around(start);
  const [, e] = sent.around(Math.max(start, end - 1));
  return { s, e, str: text.slice(s, e) };
}

/** Up to n characters before position i, stopping at the sentence start. */
export function before(text: string, i: number, n: number): string {
  const [s] = sentences(text).around(i, n);
  return text.slice(s, i);
}

/** Up to n characters after position i, stopping at the sentence end. */
export function after(text: string, i: number, n: number): string {
  const [, e] = sentences(text).around(i, n);
  return text.slice(i, e);
}

/** The whitespace-delimited token holding [start, end), bounded so that a long unbroken paste costs little. */
export function tokenAround(text: string, start: number, end: number): string {
  let s = start;
  const minS = Math.max(0, start - 200);
  while (s > minS && !/\s/.test(text[s - 1] as string)) s--;
  let e = end;
  const maxE = Math.min(text.length, end + 200);
  while (e < maxE && !/\s/.test(text[e] as string)) e++;
  return text.slice(s, e);
}

export function inUrl(text: string, start: number, end: number): boolean {
  return /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|[\w-]\.[a-z]{2,}\/|[?&=#]|\/)/i.test(tokenAround(text, start, end));
}

export interface Rule {
  clause: string;
  clauses: string[];
  severity: Severity;
  message: string;
  fix: string;
  requestKind?: Finding['requestKind'];
  placeholder?: string;
}

export function finding(kind: FindingKind, start: number, end: number, rule: Rule): Finding {
  const f: Finding = {
    kind,
    start,
    end,
    clause: rule.clause,
    clauses: [...rule.clauses],
    severity: rule.severity,
    message: rule.message,
    fix: rule.fix,
  };
  if (rule.requestKind !== undefined) f.requestKind = rule.requestKind;
  if (rule.placeholder !== undefined) f.placeholder = rule.placeholder;
  return f;
}

/**
 * Sorts by position and drops a finding whose span overlaps an earlier one of the same
 * kind, keeping the longer, so two patterns catching the same words report them once.
 */
export function dedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  // Sorted by start, a finding can only overlap the last one kept of its kind: linear in the findings.
  const lastOfKind = new Map<string, number>();
  for (const f of sorted) {
    const i = lastOfKind.get(f.kind);
    const g = i === undefined ? undefined : out[i];
    const clash =
      g !== undefined &&
      (f.start === f.end || g.start === g.end
        ? f.start === f.end && g.start === g.end && f.start === g.start && f.message === g.message
        : f.start < g.end);
    if (!clash) {
      lastOfKind.set(f.kind, out.length);
      out.push(f);
    } else if (i !== undefined && g !== undefined && f.end - f.start > g.end - g.start) {
      out[i] = f;
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Builds a regex source that matches the words case-insensitively while the rest of the pattern stays case-sensitive. */
export function ci(word: string): string {
  return word.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** Words that say the post is about students, for detectors that depend on who is addressed. */
export const STUDENT_WORDS =
  /\b(?:students?|pupils?|kids?|kiddos?|learners?|class(?:es|mates)?|homeroom|grade\s*\d{1,2}s?|gr\.?\s*\d{1,2}s?|grade\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)s?|\d{1,2}(?:st|nd|rd|th)\s+graders?|graders?|seniors|juniors|class of 20\d\d|homework|assignments?|tests?|exams?|quiz(?:zes)?|team|players|athletes|campers|my\s+(?:boys|girls)|homeroom)\b/i;
/** Class platforms: said in the same breath as an invitation, they show students are the audience. */
export const CLASS_PLATFORM = /\b(?:google\s+classroom|brightspace|d2l|class\s+page)\b/i;
/** A class code such as "10C" or "4B" names a class of students. */
export const CLASS_CODE = /\b\d{1,2}[A-Z]\b/;

/** Words that say the post speaks to families rather than students. */
export const FAMILY_WORDS = /\b(?:parents?|families|family|guardians?|caregivers?|moms?|dads?)\b/i;

/**
 * A word boundary that knows accented letters: JavaScript's \b treats "é" as a non-word
 * character, so "\bélèves" never matches after a space. French patterns are written with \b
 * and passed through uni(), and compiled with the u flag.
 */
// One lookaround per boundary (a start needs only "no letter before", an end only "no letter after"): cheaper than a full \b.
const START = '(?<![\\p{L}\\p{N}_])';
const END = '(?![\\p{L}\\p{N}_])';
export function uni(src: string): string {
  return src.replace(/\\b/g, (_b: string, at: number) => {
    const next = src.slice(at + 2, at + 5);
    const isEnd = next === '' || /^(?:[|)]|\\[sS]|\(\?[=!]|\[\^)/.test(next);
    return isEnd ? END : START;
  });
}

/**
 * A cheap test that a draft is at least partly French: the French patterns (compiled with the
 * u flag, which is slower) run only then, so English drafts keep their speed.
 */
const FRENCH_WORDS = /(?:^|[\s'’(])(?:je|j'|nous|vous|les|des|de|la|le|et|un|en|ce|ça|on|il|elle|une|est|pour|avec|dans|sur|qui|pas|c'est|à|au|du|mon|ma|mes|notre|nos|leur|très|aujourd'hui|merci|bravo|élèves?|école|conseil|direction|parents)(?=[\s,.!?:;'’)]|$)/gi;
export function looksFrench(text: string): boolean {
  FRENCH_WORDS.lastIndex = 0;
  // Two French words, or one beside a French accent, tell French from English quoting a word.
  const need = /[àâçéèêëîïôûù]/i.test(text) ? 1 : 2;
  let n = 0;
  while (FRENCH_WORDS.exec(text) !== null) if (++n >= need) return true;
  return false;
}
