import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, normalize, Rule, sentenceAround } from './util';

const RULE: Rule = {
  clause: '4.6(d)',
  clauses: ['4.6(d)'],
  severity: 'not-allowed',
  message: 'This shares or points to pirated content (music, films, software or textbooks), which breaks copyright.',
  fix: 'Remove the link or offer; share only content you have the rights to, or link to the official source.',
};

const MEDIA =
  '(?:movies?|films?|episodes?|seasons?|shows?|series|albums?|songs?|music|mp3s?|tracks?|discography|software|programs?|apps?|games?|photoshop|office|windows|adobe|textbooks?|e-?books?|books?|novels?|workbooks?)';

// Things that are normally paid for, so that "free download" of them is a red flag (a free app is not).
const PAID_MEDIA =
  '(?:movies?|films?|episodes?|seasons?|albums?|songs?|music|mp3s?|discography|audiobooks?|photoshop|ms\\s+office|microsoft\\s+office|adobe\\s+\\w+|windows|textbooks?|full\\s+version|pro\\s+version|premium\\s+version)';

const PATTERNS = new RegExp(
  [
    `\\btorrents?\\b`,
    `\\.torrent\\b`,
    `\\bmagnet:\\?xt=`,
    `\\b(?:the\\s+)?pirate\\s*bay\\b`,
    `\\b(?:putlocker|123movies|fmovies|soap2day|gomovies|yts|rarbg|1337x|kickass\\s*torrents|libgen|library\\s+genesis|z-?library|zlib|annas?-?archive|mp3juices|y2mate|warez|nulled)\\b`,
    `\\bpirat(?:ed|ing)\\s+(?:copy|copies|version|${MEDIA})\\b`,
    `\\bpirated\\b`,
    `\\b(?:cracked|hacked)\\s+(?:copy|copies|version|${MEDIA}|apk)\\b`,
    `\\bcrack(?:ed)?\\s+(?:for|of)\\s+(?:photoshop|office|windows|adobe|autocad|minecraft|\\w+\\s+(?:pro|suite|studio))\\b`,
    `\\b(?:keygens?|serial\\s+keys?|license\\s+key\\s+generator|activation\\s+crack|product\\s+key\\s+(?:crack|generator))\\b`,
    `\\bfull\\s+(?:movie|film|album|season|episode)s?\\s+(?:free|online\\s+free|download|for\\s+free|here)\\b`,
    `\\bfree\\s+(?:download|stream|streaming|pdf)\\s+(?:of\\s+|for\\s+)?(?:the\\s+|this\\s+|a\\s+)?(?:full\\s+|entire\\s+|whole\\s+|new\\s+|latest\\s+)?(?:[\\w'-]{1,20}\\s+){0,3}?${PAID_MEDIA}\\b`,
    `\\b(?:download|stream|watch)\\s+(?:the\\s+)?(?:full\\s+|entire\\s+|whole\\s+|new\\s+|latest\\s+)(?:[\\w'-]{1,20}\\s+){0,2}?${PAID_MEDIA}\\s+(?:for\\s+free|free)\\b`,
    `\\b(?:pdf|scan|scanned\\s+copy)\\s+of\\s+(?:the\\s+|this\\s+|our\\s+)?(?:entire|whole|full|complete)\\s+(?:[\\w'-]{1,20}\\s+){0,2}?(?:textbook|book|novel|workbook|course\\s*pack)\\b`,
    `\\b(?:whole|entire|full|complete)\\s+(?:[\\w'-]{1,20}\\s+){0,3}?(?:${PAID_MEDIA}|series|collection|box\\s+set)\\s+(?:for\\s+)?free\\b`,
    `\\b(?:every|all\\s+(?:the\\s+)?)\\s*(?:[\\w'-]{1,20}\\s+){0,2}?(?:movies|films|episodes|seasons|albums|songs|audiobooks|textbooks)\\b(?=[^.!?\\n]{0,80}\\b(?:download|link|drive|stream|free|torrent|zip)\\b)`,
    `\\b(?:scann(?:ed|ing)|photocop(?:ied|ying)|copied|copying)\\s+(?:in\\s+)?(?:the|a|an|my)?\\s*(?:whole|entire|full|complete)\\b`,
    `\\bfree\\s+(?:copy|copies|pdf|pdfs|scan)\\s+of\\s+(?:the\\s+|our\\s+|this\\s+)?(?:[\\w'-]{1,20}\\s+){0,4}?textbooks?\\b`,
    `\\b(?:workbooks?|textbooks?|course\\s*packs?|novels?)\\s+(?:as|in)\\s+(?:a\\s+)?PDFs?\\b`,
    `\\bPDFs?\\s+of\\s+(?:the\\s+)?(?:[\\w'-]{1,20}\\s+){0,3}?(?:workbooks?|textbooks?|course\\s*packs?)\\b`,
    `\\bscreen[- ]?record(?:ed|ing)?\\s+(?:the\\s+|a\\s+|this\\s+)?(?:whole\\s+|entire\\s+)?(?:movie|film|show|episode|series|concert)\\b`,
    `\\bdownload(?:ed|ing)?\\s+(?:it|them|the\\s+\\w+|videos?|songs?|music|movies?|episodes?)\\s+(?:from|off)\\s+(?:youtube|netflix|spotify|disney\\+?|crave|prime\\s+video)\\b`,
    `\\b(?:a|the|my)\\s+crack\\s+(?:that|which|for|to)\\b(?=[^.!?\\n]{0,80}\\b(?:office|windows|photoshop|adobe|software|licen[cs]e|activat\\w*|minecraft|laptops?|computers?|program)\\b)`,
    `\\b(?:a|the|my)\\s+crack\\b(?<=\\b(?:office|windows|photoshop|adobe|software|minecraft|program)\\b[^.!?\\n]{0,60}crack)`,
    `\\b(?:sketchy|pirate|illegal|bootleg)\\s+(?:streaming\\s+)?(?:site|website|link|copy|stream)\\b`,
    `\\bfrom\\s+(?:a|some)\\s+free\\s+(?:streaming\\s+|movie\\s+)?(?:site|website)\\b(?<=(?:movie|film|show|episode|season|series)\\b[^.!?\\n]{0,80})`,
    `\\bbefore\\s+(?:it|they|this)\\s+(?:gets?|is|are)\\s+(?:taken|pulled)\\s+down\\b`,
    `\\b(?:download|stream|watch)\\w*\\s+(?:[\\w'-]{1,20}\\s+){0,3}?(?:full|entire|whole|complete|every|all)\\s+(?:[\\w'-]{1,20}\\s+){0,3}?${PAID_MEDIA}\\b[^.!?\\n]{0,40}?\\bfree\\b`,
    `\\b(?:youtube|yt)\\s*(?:to|2)\\s*mp3\\b`,
    `\\bripped\\s+(?:from|the|this|it|a)\\b`,
  ].join('|'),
  'gi',
);
// "Cite your sources" and a lesson on copyright talk about piracy; they do not share it.
const TEACHING = /\b(?:lesson|learn(?:ed|ing|s)?|talk(?:ed)?\s+about|discuss(?:ed|ing)?|why\s+(?:piracy|pirating)|(?:don't|do\s+not|never|avoid)\s+(?:pirat\w*|download\s+(?:illegal|pirated)\w*|use\s+(?:torrents|pirated|cracked))|dangers?\s+of|copyright\s+(?:law|lesson|week)|digital\s+citizenship)\b/i;
// Free or paid, a whole textbook as a PDF is a copy, unless it is the district's licensed one.
const LICENSED = /\b(?:brightspace|d2l|licensed|our\s+licen[cs]e|publisher'?s?\s+(?:site|website)|open\s+textbook|openstax|public\s+domain|creative\s+commons|project\s+gutenberg)\b/i;

function detect(raw: string, _ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(PATTERNS, text, (m) => {
    const sent = sentenceAround(text, m.index, m.index + m[0].length).str;
    if (TEACHING.test(sent) && !/magnet:|\.torrent|https?:\/\//i.test(sent)) return;
    if (LICENSED.test(sent)) return;
    out.push(finding('copyright', m.index, m.index + m[0].length, RULE));
  });
  return dedupe(out);
}

export const copyright: Detector = { kind: 'copyright', detect };
