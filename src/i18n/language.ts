import type { detectAll as DetectAll } from 'tinyld';

/**
 * Which language to answer in. English and French are both first-class in the district,
 * and people write short, code-switched messages ("je peux follow un élève sur insta?"),
 * so the rule is: the text's own language when it is clear; otherwise the person's Teams
 * locale (fr-CA, en-US…); otherwise English.
 *
 * tinyld was chosen by measurement over the French and English questions and drafts of
 * test/eval/batches (see the README, "Languages"): 99.3% right with no locale and 99.5% with the
 * person's own, where franc scored 98.7% and tinyld's light model misread short English posts
 * ("Our science fair winners!") as French. Pure: no I/O beyond loading the package.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];

/**
 * How far apart the two languages' scores must be for the text to decide. Below it the text
 * is too short or too mixed ("ok", a name and an address) and the locale decides instead.
 * 0.1 measured best with a locale of the other language (97.3% right, against 99.2% at 0.05
 * but with weakly scored names read as French); wider margins hand more texts to the locale,
 * which is wrong whenever someone writes in their other language.
 */
export const CLEAR_MARGIN = 0.1;

/**
 * tinyld's model takes a few hundred milliseconds to load, which start-up (ready within 2 s)
 * cannot spare: it is loaded on the first message that needs a language instead.
 */
let detector: typeof DetectAll | undefined;
function detectAll(): typeof DetectAll {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  detector ??= (require('tinyld') as { detectAll: typeof DetectAll }).detectAll;
  return detector;
}

/** The text's language when the detector is clear about it, else null. */
export function textLanguage(text: string): Lang | null {
  if (text.trim() === '') return null;
  const scores = { en: 0, fr: 0 };
  for (const { lang, accuracy } of detectAll()(text, { only: [...LANGUAGES] })) {
    if (lang === 'en' || lang === 'fr') scores[lang] = accuracy;
  }
  if (Math.abs(scores.fr - scores.en) <= CLEAR_MARGIN) return null;
  return scores.fr > scores.en ? 'fr' : 'en';
}

/** A Teams locale such as "fr-CA" or "en-US" as one of our languages; anything else is null. */
export function localeLanguage(locale: string | null | undefined): Lang | null {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === primary) ?? null;
}

/** The language to answer `text` in, for a person whose Teams locale is `locale`. */
export function chooseLanguage(text: string, locale?: string | null): Lang {
  return textLanguage(text) ?? localeLanguage(locale) ?? 'en';
}

/** Reads a stored or submitted language tag; anything unknown is English, the default. */
export function asLang(value: unknown): Lang {
  return value === 'fr' ? 'fr' : 'en';
}
