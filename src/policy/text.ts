/**
 * Words in, terms out: the shared analysis for staff questions, knowledge entries and
 * procedure text, so that both sides of a match are cut the same way.
 */

/**
 * Lower-case, plain quotes, contractions spelt out, punctuation to spaces. Hyphens split
 * ("two-way" → "two way") so that staff who write "two way" or "twoway"-less still match.
 */
export function normalise(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[‘’´`]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/&/g, ' and ')
      .replace(/\bcan't\b|\bcannot\b/g, 'can not')
      .replace(/\bwon't\b/g, 'will not')
      .replace(/\bshan't\b/g, 'shall not')
      .replace(/n't\b/g, ' not')
      .replace(/'(re|ve|ll|d|m)\b/g, ' $1')
      .replace(/'s\b/g, '')
      // "grade 8", "gr. 11s": staff name their students by grade.
      .replace(/\b(?:grade|gr\.?)\s*(\d{1,2})(?:s|'s)?\b/g, ' grade$1 ')
      // French grades the same way: "de 10e", "en 12e année", "la 5e".
      .replace(/\b(\d{1,2})(?:e|eme|ieme)(?:\s+annee)?\b/g, ' grade$1 ')
      // French elisions: "qu'on", "jusqu'au" (l', d', j', n', s', c', m', t' fall out as one letter).
      .replace(/\b(qu|jusqu|lorsqu|puisqu|quoiqu)'(?=[a-z])/g, '$1 ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

/** Surface words of a text, in order, nothing dropped. */
export function words(text: string): string[] {
  const n = normalise(text);
  return n ? n.split(' ') : [];
}

/**
 * French function words, accents folded as normalise() folds them. Kept apart so that
 * nobody drops an English content word by accident; "son" and "car" are also English words
 * but carry nothing the procedure decides on. "Permis" and "correct" play the part of
 * "allowed" and "ok", which are stop words too.
 */
const FRENCH_STOP_WORDS: readonly string[] = `le la les un une des du de au aux et ou mais donc ni car que qu qui quoi
  quel quelle quels quelles ce cet cette ces ca cela ceci celui celle ceux se sa son ses mon ma mes ton ta tes notre
  nos votre vos leur leurs je tu il elle on nous vous ils elles lui y en est es suis sont etre ete ai as avons avez
  ont avoir eu fait faire faut peux peut pouvons pouvez peuvent pourrais pourrait pourrions puis puisse dois doit
  devons devez doivent devrais devrait pas ne plus tres bien tout tous toute toutes dans sur sous avec sans pour par
  chez entre vers comme si alors aussi deja encore juste meme quand comment pourquoi ici la-dessus dessus pis ben
  genre ok correct permis oui non merci bonjour allo salut svp jusqu lorsqu puisqu quoiqu dont donc voici voila
  chose choses quelque quelqu autre autres certains certaines chaque ok`
  .split(/\s+/)
  .filter(Boolean);

/**
 * Words that carry no meaning for retrieval. Negations and "own", "only", "who" are kept
 * out of this list on purpose where a phrase needs them; phrases are matched before stop
 * words are dropped, so "not approved" still reaches the vocabulary.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any anyone anything are as at be because been before being
  below between both but by can could d did do does doing done down during each else even ever every few for
  from further get gets getting go going got had has have having he her here hers herself him himself his how
  i if in into is it its itself just kind know let like ll m may me might mine more most much must my myself
  need needs no nor not now of off ok okay on once one only or other our ours ourselves out over own please
  pls plz re really s same say see seem she should so some someone something still such sure t tell than thank
  thanks that the their theirs them themselves then there these they thing things this those through to too u
  under until up us ve very want wanna was way we well were what whats when where whether which while who whom
  whose why will with would yeah yes yet you your yours yourself yourselves im hey hi hello guys lol lmao omg
  tbh ur r pretty quick question actually basically gonna gotta kinda sorta fine alright allowed okay`
    .split(/\s+/)
    .filter(Boolean)
    .concat(FRENCH_STOP_WORDS),
);

// ---------------------------------------------------------------------------------------
// Porter stemmer (M. F. Porter, 1980), with the widely used "bli"→"ble" and "logi"→"log"
// amendments. Small, dependency-free, and stable: the same word always stems the same way.

const isConsonant = (w: string, i: number): boolean => {
  const ch = w[i];
  if (ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u') return false;
  if (ch === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
};

/** Porter's m: the number of vowel-consonant sequences in the stem. */
const measure = (w: string): number => {
  let m = 0;
  let i = 0;
  const n = w.length;
  while (i < n && isConsonant(w, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(w, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(w, i)) i++;
    m++;
  }
  return m;
};

const hasVowel = (w: string): boolean => {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
  return false;
};

const endsDoubleConsonant = (w: string): boolean =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);

/** Consonant-vowel-consonant ending, the last not w, x or y (hop, not hoax). */
const endsCvc = (w: string): boolean => {
  const n = w.length;
  if (n < 3) return false;
  if (!isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
  const last = w[n - 1];
  return last !== 'w' && last !== 'x' && last !== 'y';
};

function replaceSuffix(w: string, rules: ReadonlyArray<readonly [string, string]>, minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (w.endsWith(suffix)) {
      const stemPart = w.slice(0, -suffix.length);
      return measure(stemPart) > minMeasure ? stemPart + replacement : w;
    }
  }
  return w;
}

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent',
  'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 've', 'ize',
].sort((a, b) => b.length - a.length);

/**
 * Stems are asked for the same few thousand words all day (every question stems each of
 * its words twice), so they are remembered; the map is bounded and simply starts again
 * when full, since a stem is cheap to recompute.
 */
const STEMS_REMEMBERED = 50_000;
const stems = new Map<string, string>();

export function stem(word: string): string {
  let kept = stems.get(word);
  if (kept === undefined) {
    kept = porterStem(word);
    if (stems.size >= STEMS_REMEMBERED) stems.clear();
    stems.set(word, kept);
  }
  return kept;
}

function porterStem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 2 || /\d/.test(w)) return w;

  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('ss')) { /* keep */ }
  else if (w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w) === 1 && endsCvc(w)) w += 'e';
  }

  // Step 1c
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + 'i';

  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);

  // Step 4
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const s = w.slice(0, -suffix.length);
    if (suffix === 'ion') {
      if (measure(s) > 1 && /[st]$/.test(s)) w = s;
    } else if (suffix === 've') {
      // Porter's "ive"; "ve" here would wrongly catch "leave" and "remove".
      if (w.endsWith('ive') && measure(w.slice(0, -3)) > 1) w = w.slice(0, -3);
    } else if (measure(s) > 1) {
      w = s;
    }
    break;
  }

  // Step 5a
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  // Step 5b
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------------------------------
// Typo tolerance.

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** How far a misspelling may be from a known word: none under 4 letters, 1 from 4, 2 from 8. */
export const typoAllowance = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0) return;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletions(d, depth - 1, out);
    }
  }
}

/**
 * Corrects a misspelt word to the closest word the bot knows. Symmetric-deletion lookup
 * (SymSpell) keeps it to a few map reads per word rather than a scan of the vocabulary,
 * so a question is analysed well inside a millisecond.
 */
export class TypoCorrector {
  private readonly known = new Map<string, number>();
  /** Built on the first misspelling rather than at start-up: it is most of the corrector's cost. */
  private deletionIndex: Map<string, string[]> | undefined;
  private readonly memo = new Map<string, string | null>();

  constructor(vocabulary: Iterable<string>, private readonly protectedWords: ReadonlySet<string> = new Set()) {
    for (const w of vocabulary) {
      if (!w || /\d/.test(w)) continue;
      this.known.set(w, (this.known.get(w) ?? 0) + 1);
    }
  }

  /** A corrector over words already counted (see `counts`), in the order they were first read. */
  static fromCounts(counts: ReadonlyArray<readonly [string, number]>, protectedWords?: ReadonlySet<string>): TypoCorrector {
    const c = new TypoCorrector([], protectedWords);
    for (const [w, n] of counts) c.known.set(w, n);
    return c;
  }

  /** Each known word with how often it was read; order matters for ties, so it is kept. */
  counts(): Array<[string, number]> {
    return [...this.known];
  }

  private get byDeletion(): Map<string, string[]> {
    if (this.deletionIndex) return this.deletionIndex;
    const index = new Map<string, string[]>();
    for (const w of this.known.keys()) {
      const allowance = typoAllowance(w) || (w.length >= 3 ? 1 : 0);
      if (allowance === 0) continue;
      const dels = new Set<string>([w]);
      deletions(w, Math.min(2, allowance + (w.length >= 7 ? 1 : 0)), dels);
      for (const d of dels) {
        const list = index.get(d);
        if (list) list.push(w);
        else index.set(d, [w]);
      }
    }
    return (this.deletionIndex = index);
  }

  isKnown(word: string): boolean {
    return this.known.has(word) || this.protectedWords.has(word);
  }

  /** The known word a misspelling stands for, or undefined when it is known or too far from anything. */
  correct(word: string): string | undefined {
    if (this.isKnown(word)) return undefined;
    const max = typoAllowance(word);
    if (max === 0 || /\d/.test(word)) return undefined;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached ?? undefined;

    const probes = new Set<string>([word]);
    deletions(word, max, probes);
    let best: string | undefined;
    let bestDistance = max + 1;
    let bestFrequency = 0;
    const index = this.byDeletion;
    for (const probe of probes) {
      for (const candidate of index.get(probe) ?? []) {
        const d = editDistance(word, candidate, max);
        if (d > max) continue;
        // People rarely mistype the first letter; everyday words that differ there are other
        // words ("fight" is not "right", "dress" is not "press"). A swap of the first two is a typo.
        if (candidate[0] !== word[0] && !(candidate[0] === word[1] && candidate[1] === word[0])) continue;
        // A long word may be two edits off, but only against a word of similar length.
        if (d === 2 && candidate.length < 7) continue;
        const freq = this.known.get(candidate) ?? 0;
        if (d < bestDistance || (d === bestDistance && freq > bestFrequency)) {
          best = candidate;
          bestDistance = d;
          bestFrequency = freq;
        }
      }
    }
    // Questions are open-ended; a bounded memo keeps a long-running bot's memory flat.
    if (this.memo.size > 20000) this.memo.clear();
    this.memo.set(word, best ?? null);
    return best;
  }
}
