import type { Detector, DraftContext, Finding } from './types';
import { dedupe, eachMatch, finding, looksFrench, normalize, Rule, before, uni } from './util';

const RULE: Rule = {
  clause: '4.12',
  clauses: ['4.12'],
  severity: 'needs-permission',
  message: 'This speaks for the school, department, district or board from a personal account, which needs written permission.',
  fix: 'Ask your principal (or supervisor) for written permission to speak on behalf of the school, or reword it as your own view.',
  requestKind: 'speak-on-behalf',
};

const ORG =
  "(?:(?:the|our|my|this)\\s+)?(?:(?:whole|entire)\\s+)?(?:(?:[\\w'.&-]+\\s+){1,6}?(?:department|dept|staff|team\\s+at\\s+[A-Z][\\w'-]+)\\b|school|department|district|board|school\\s+board|OCDSB|Ottawa-Carleton\\s+District\\s+School\\s+Board|administration|admin\\s+team|staff\\s+of\\s+[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3}|[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3}\\s+(?:Public\\s+School|P\\.S\\.|PS|High\\s+School|Secondary\\s+School|Collegiate(?:\\s+Institute)?|Elementary(?:\\s+School)?|Intermediate\\s+School|Alternate\\s+School|Middle\\s+School|H\\.S\\.|S\\.S\\.))";

const PATTERNS = new RegExp(
  [
    `\\bon\\s+behalf\\s+of\\s+(?:everyone\\s+at\\s+|all\\s+of\\s+us\\s+at\\s+|the\\s+staff\\s+(?:at|of)\\s+)?${ORG}`,
    `\\b(?:speaking|writing|posting|responding)\\s+(?:for|as)\\s+${ORG}`,
    `\\bas\\s+(?:a|the)\\s+(?:representative|spokesperson|voice|official)\\s+(?:of|for)\\s+${ORG}`,
    `\\bas\\s+(?:the|a)\\s+(?:school's|board's|district's|OCDSB's|department's)\\s+(?:official\\s+)?(?:spokesperson|representative|voice|official)\\b`,
    `\\bspokesperson\\s+for\\s+${ORG}`,
    `\\bwe\\s+at\\s+${ORG}`,
    `\\bofficial\\s+(?:announcement|statement)\\s*:`,
    `\\b(?:our|the)\\s+official\\s+(?:position|statement|response|stance|word|answer)\\b`,
    `\\b(?:the\\s+)?(?:school|department|district|board|OCDSB|administration)'s\\s+(?:official\\s+)?(?:statement|position|response|stance|decision\\s+is|answer)\\b`,
    `\\bofficial\\s+(?:statement|update|announcement|word|notice|message|response)\\s+from\\s+${ORG}`,
    `\\bofficially\\s*,?\\s+(?:the\\s+)?(?:school|district|board|we)\\b`,
    `\\b(?:I|we)\\s+can\\s+(?:officially\\s+)?confirm\\s+(?:that\\s+)?(?:the\\s+)?(?:school|district|board|OCDSB)\\b`,
    `\\b(?:I|we)\\s+can\\s+(?:officially\\s+)?confirm\\s+that\\s+(?:the\\s+)?(?:program|policy|plan|closure|boundary|boundaries|budget|cuts?)\\b`,
    `\\bthe\\s+(?:school|district|board)\\s+(?:has\\s+asked\\s+me|asked\\s+me|wants\\s+me)\\s+to\\s+(?:say|tell|announce|share)\\b`,
  ].join('|'),
  'gi',
);
const ROLE =
  '(?:(?:the\\s+|a\\s+)?(?:new\\s+)?(?:principal|vice[- ]principal|VP|head\\s+coach|coach|department\\s+head|head\\s+of\\s+[\\w-]+|manager(?:\\s+of\\s+[\\w\\s]{1,30}?)?|office\\s+manager|secretary|lead\\s+teacher|director|superintendent|trustee|teacher|EA|staff\\s+member|(?:[\\w-]+\\s+){0,2}teacher))';

// Announcing or confirming school news in one's own name, and telling the press what the school thinks.
const SPEAKS = new RegExp(
  [
    `\\bas\\s+${ROLE}(?:\\s+(?:of|at|for)\\s+[^\\s,]+(?:\\s+[^\\s,]+){0,4}?)?\\s*,?\\s+(?:I\\s+can\\s+(?:officially\\s+)?confirm|I'm\\s+(?:officially\\s+)?announcing|I'm\\s+proud\\s+to\\s+speak|I\\s+explained|I\\s+told)\\b`,
    `\\bI\\s+can\\s+(?:officially\\s+)?confirm\\s+(?:the\\s+rumou?rs|that\\s+our|our|that\\s+[A-Z][\\w'-]+\\s+(?:will|is|won't))\\b`,
    `\\bofficially\\s+(?:speaking|representing|announcing)\\b`,
    `\\bspeaking\\s+for\\s+(?:the\\s+)?(?:whole\\s+|entire\\s+)?(?:school|team|staff)\\b`,
    `\\bspeak\\s+for\\s+(?:the\\s+whole\\s+|our\\s+|the\\s+)(?:team|school|department|staff)\\b`,
    `\\bofficial\\s+(?:school\\s+)?(?:announcement|statement|updates?)\\s+(?:from|of|on\\s+behalf\\s+of)\\b`,
    `\\bofficial\\s+school\\s+announcement\\b`,
    `\\b(?:for|from)\\s+the\\s+school\\s*:`,
    `\\b(?:give|gave|giving|share|shared)\\s+our\\s+school's\\s+side\\b`,
    `\\b(?:answer|speak|respond)\\s+for\\s+the\\s+school\\s+myself\\b`,
    `\\b(?:told|tell|telling)\\s+(?:them|the\\s+(?:reporter|paper|Citizen|journalist))\\s+(?:that\\s+)?our\\s+(?:school|board|department)\\b`,
    `\\b(?:spoke|talked|speaking|talking)\\s+(?:to|with)\\s+(?:the\\s+|a\\s+)?(?:Citizen|Sun|CBC|CTV|CityNews|CFRA|Global|Radio-Canada|local\\s+(?:paper|news|radio|station)|reporters?|journalists?|press|media)\\b(?=[^\\n]{0,120}\\b(?:as\\s+(?:a|the)\\s+(?:teacher|principal|staff|EA|VP)|our\\s+school|the\\s+board|the\\s+school|where\\s+I\\s+(?:teach|work)|I\\s+(?:teach|work)\\s+there)\\b)`,
    `\\bquote\\s+I\\s+gave\\b`,
    `\\bthe\\s+official\\s+(?:voice|spokesperson|representative)\\s+(?:of|for)\\b`,
    `\\bas\\s+a\\s+school,\\s+we\\b`,
    `\\bour\\s+school\\s+(?:does\\s+not|doesn't|does\\s+NOT|fully|officially)\\s+(?:support|oppose|supports|opposes|stand)\\b`,
    `\\bour\\s+school\\s+(?:welcomes|supports|opposes|condemns|is\\s+proud\\s+to\\s+support)\\b`,
    `\\bour\\s+school\\s+board\\s+is\\s+proud\\s+to\\b`,
  ].join('|'),
  'gi',
);

// The same, as Ontario francophone staff write it.
const SPEAKS_FR = new RegExp(
  uni(
    [
      `\\bau\\s+nom\\s+(?:de\\s+(?:toute\\s+)?(?:l'équipe(?:-école)?|la\\s+direction|l'école|l'administration|notre\\s+école|notre\\s+conseil)|du\\s+(?:conseil|département|personnel|secteur)|des\\s+(?:enseignant\\w*|membres\\s+du\\s+personnel))`,
      `\\ben\\s+tant\\s+que\\s+(?:nouvelle?\\s+)?(?:direction|directeur|directrice|direction\\s+adjointe|directrice\\s+adjointe|directeur\\s+adjoint|secrétaire|enseignante?|agente?\\s+de\\s+liaison|responsable|membre\\s+du\\s+personnel|entraîneu[rs]e?)\\b[^.!?\\n]{0,80}?\\b(?:je\\s+(?:peux\\s+)?(?:vous\\s+)?confirm\\w*|je\\s+vous\\s+annonce|j'annonce)`,
      `\\b(?:comme|en\\s+tant\\s+que)\\s+[\\w'-]+(?:\\s+[\\w'-]+){0,5}?,?\\s+je\\s+(?:peux\\s+)?vous\\s+confirm\\w*\\s+que\\s+(?:l'école|le\\s+conseil|notre)`,
      `\\bje\\s+(?:peux\\s+)?(?:vous\\s+)?confirm\\w*\\s+que\\s+(?:l'école|le\\s+conseil|notre\\s+école|la\\s+sortie|le\\s+voyage)\\b`,
      `\\b(?:la\\s+)?position\\s+(?:officielle\\s+)?(?:du\\s+conseil|de\\s+l'école|de\\s+la\\s+direction)\\b`,
      `\\bnotre\\s+position\\s+officielle\\b|\\bc'est\\s+(?:notre|la)\\s+position\\b`,
      `\\b(?:message|mot|précision|annonce|communiqué)\\s+officiel(?:le)?\\s+(?:de|du)\\b`,
      `\\bmessage\\s+de\\s+la\\s+direction\\s+de\\s+l'école\\b`,
      `\\bofficiellement\\s*,?\\s+au\\s+nom\\b`,
      `\\bje\\s+représente\\s+(?:officiellement\\s+)?(?:le\\s+conseil|l'école|notre\\s+école)\\b`,
      `\\breprésenter\\s+notre\\s+école\\b`,
      `\\bje\\s+parle\\s+au\\s+nom\\b|\\bparler\\s+au\\s+nom\\b`,
      `\\bmes\\s+publications\\s+(?:ici\\s+)?(?:sur\\s+mon\\s+compte\\s+)?sont\\s+officielles\\b`,
      `\\bl'école\\s+[^\\s,]+(?:\\s+[^\\s,]+){0,2}\\s+tient\\s+à\\s+(?:clarifier|préciser|rappeler)\\b`,
      `\\bl'école\\s+appuie\\s+officiellement\\b|\\ble\\s+conseil\\s+appuie\\s+fièrement\\b`,
    ].join('|'),
  ),
  'giu',
);

// A school account someone opened on their own, before the principal approved it (4.10).
const NEW_ACCOUNT_RULE: Rule = {
  clause: '4.10',
  clauses: ['4.10', '4.12', '4.11'],
  severity: 'needs-permission',
  message: 'This announces a school, club or class account that the principal has not approved yet. School-based accounts need the principal\'s approval first.',
  fix: "Ask your principal to approve the account (with a staff advisor and two staff administrators) before posting from it, and create it with the school's generic email.",
  requestKind: 'school-account',
};
const NEW_ACCOUNT = new RegExp(
  uni(
    [
      `\\b(?:made|set\\s+(?:it\\s+)?up|started|created|launched)\\s+(?:it\\s+|this\\s+|this\\s+account\\s+|the\\s+account\\s+)?(?:up\\s+)?(?:myself\\s+)?(?:this\\s+weekend|today|yesterday|last\\s+night|on\\s+my\\s+own)\\b`,
      `\\bstarted\\s+this\\s+weekend\\b`,
      `\\b(?:principal|admin|administration|the\\s+office)\\s+(?:doesn't|does\\s+not|don't)\\s+know\\s+(?:yet|about\\s+it)\\b`,
      `\\bwill\\s+(?:ask|tell)\\s+(?:the|my|our|her|him)\\s*(?:principal)?\\s+(?:later|after)\\b`,
      `\\bunofficial\\b[^.!?\\n]{0,60}\\b(?:insta(?:gram)?|IG|tik\\s?tok|account|page|channel)\\b`,
      `\\bnew\\s+account\\s+alert\\b`,
      `\\b(?:je\\s+l'ai\\s+)?créé\\s+(?:ce\\s+(?:weekend|week-end|matin)|hier|aujourd'hui)\\b`,
      `\\bla\\s+direction\\s+(?:ne\\s+)?le\\s+sait\\s+pas\\s+encore\\b`,
      `\\bavec\\s+mon\\s+(?:gmail|hotmail|courriel\\s+perso\\w*)\\b`,
    ].join('|'),
  ),
  'giu',
);
const ACCOUNT_WORD = /\b(?:insta(?:gram)?|IG|tik\s?tok|account|page|channel|compte|chaîne|youtube|facebook|twitter|X)\b/i;

// A personal profile signed up with a board email: 4.11 keeps board emails for school or board purposes.
const WORK_EMAIL_RULE: Rule = {
  clause: '4.11',
  clauses: ['4.11'],
  severity: 'not-allowed',
  message: 'A profile created with a board email may be used only for school or board purposes, not for a personal account.',
  fix: 'Sign up for personal accounts with a personal email address.',
};
const WORK_EMAIL = new RegExp(
  uni(
    `\\b(?:signed\\s+up|registered|made|created|set\\s+up|opened)\\b[^.!?\\n]{0,60}\\b(?:with|using|on)\\s+my\\s+(?:work|board|school|OCDSB|district)\\s+e-?mail\\b|\\b(?:créé|ouvert|inscrit)e?\\b[^.!?\\n]{0,60}\\bavec\\s+mon\\s+courriel\\s+(?:du\\s+conseil|de\\s+l'école|professionnel|de\\s+travail)\\b`,
  ),
  'giu',
);
const PERSONAL_USE = /\b(?:personal|perso|private|my\s+own|hobby|side|privé|personnel)\b|\b(?:recipes?|vacation|travel|dating|shopping|cooking|gaming|fitness|photography)\b/i;

// "I'm not speaking on behalf of my school": a disclaimer, not a claim.
// "Read the official statement", "je partage l'annonce officielle du conseil": pointing to what was published.
const POINTS_TO = /\b(?:read|see|check(?:\s+out)?|sharing|share|here's|lisez|voir|consultez|partage)\s+(?:the\s+|l'|la\s+|le\s+)?$/i;
const NEGATED = /\b(?:not|n't|never|no\s+longer)\s+(?:(?:speaking|writing|posting|here|acting)\s+)?$/i;

function detect(raw: string, ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  eachMatch(NEW_ACCOUNT, text, (m) => {
    if (ctx.account === 'district' || !ACCOUNT_WORD.test(text)) return;
    out.push(finding('speaking-for-school', m.index, m.index + m[0].length, NEW_ACCOUNT_RULE));
  });
  eachMatch(WORK_EMAIL, text, (m) => {
    if (ctx.account === 'personal' || PERSONAL_USE.test(text)) out.push(finding('speaking-for-school', m.index, m.index + m[0].length, WORK_EMAIL_RULE));
  });
  if (ctx.account !== 'personal') return dedupe(out);
  for (const re of looksFrench(text) ? [SPEAKS, SPEAKS_FR] : [SPEAKS]) {
    eachMatch(re, text, (m) => {
      const lead = before(text, m.index, 40);
      if (NEGATED.test(lead) || POINTS_TO.test(lead)) return;
      out.push(finding('speaking-for-school', m.index, m.index + m[0].length, RULE));
    });
  }
  eachMatch(PATTERNS, text, (m) => {
    const lead = before(text, m.index, 40);
    if (NEGATED.test(lead) || POINTS_TO.test(lead)) return;
    if (/\b(?:not|n't)\b/i.test(m[0])) return;
    out.push(finding('speaking-for-school', m.index, m.index + m[0].length, RULE));
  });
  return dedupe(out);
}

export const speakingForSchool: Detector = { kind: 'speaking-for-school', detect };
