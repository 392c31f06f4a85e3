import type { Detector, DraftContext, Finding } from './types';
import { CLASS_CODE, CLASS_PLATFORM, dedupe, eachMatch, FAMILY_WORDS, finding, normalize, Rule, sentenceAround, STUDENT_WORDS, looksFrench, uni } from './util';

const MESSAGE_RULE: Rule = {
  clause: '4.17',
  clauses: ['4.17', '4.15'],
  severity: 'not-allowed',
  message: 'This invites students to contact you privately on social media. Two-way communication with students must use district-approved platforms.',
  fix: "Remove the invitation; point students to the class's district-approved platform (for example the class page) instead.",
};
const FOLLOW_RULE: Rule = {
  clause: '4.7',
  clauses: ['4.7', '4.17'],
  severity: 'not-allowed',
  message: 'This invites students to friend, follow or add you, which staff may not accept.',
  fix: "Remove the invitation; share updates through the school's or class's approved account instead.",
};

const PLATFORM =
  '(?:insta(?:gram)?|IG|snap(?:chat)?|tik\\s?tok|facebook|FB|twitter|X|discord|whatsapp|telegram|signal|kik|reddit|twitch|youtube|threads|bereal|linkedin|messenger)';

const MESSAGE = new RegExp(
  [
    `\\b(?:DM|PM|message|msg|inbox|text|snap|whats\\s?app|ping|facetime|hmu|hit\\s+me\\s+up)\\s+me\\b`,
    `\\bhit\\s+me\\s+up\\b`,
    `\\bslide\\s+(?:in(?:to)?\\s+)?(?:my|me)\\s+(?:DMs?|PMs?|inbox)\\b`,
    `\\b(?:send|shoot|drop)\\s+me\\s+(?:a\\s+)?(?:quick\\s+)?(?:DM|PM|message|msg|text|snap|line)\\b`,
    `\\b(?:my|the)\\s+(?:DMs?|PMs?|inbox)\\s+(?:is|are)\\s+(?:always\\s+)?open\\b`,
    `\\b(?:chat|talk)\\s+(?:with|to)\\s+me\\s+(?:on|over|through|via)\\s+${PLATFORM}\\b`,
    `\\b(?:call|text)\\s+me\\s+(?:at|on)\\b`,
    `\\b(?:reach|contact)\\s+me\\s+(?:at|on)\\s+(?:my\\s+)?(?:personal\\s+)?(?:cell|number|phone|\\(?\\d)`,
    `\\breach\\s+out\\s+(?:to\\s+me\\s+)?(?:on|via|through|over)\\s+${PLATFORM}\\b`,
    `\\bmy\\s+(?:personal\\s+)?(?:gmail|hotmail|yahoo|outlook|icloud|personal\\s+e-?mail|private\\s+e-?mail)\\b`,
    `\\b(?:I'm|I\\s+am)\\s+(?:also\\s+|now\\s+)?on\\s+${PLATFORM}\\b`,
    `\\b(?:reach|find|contact|catch)\\s+me\\s+(?:on|via|through|over)\\s+${PLATFORM}\\b`,
    `\\bmy\\s+(?:personal\\s+)?(?:cell|number|phone\\s+number|snap|snapchat|insta|instagram|IG|tik\\s?tok|discord|whatsapp)\\s*(?:handle|username|user\\s*name|@)?\\s*(?:is|:)`,
    `\\b(?:join|hop\\s+on|hop\\s+into|add\\s+yourselves?\\s+to|get\\s+on)\\s+my\\s+(?:${PLATFORM}|server|group\\s+chat|gc|group\\s+text|chat)(?:\\s+(?:server|group|chat|channel))?\\b`,
  ].join('|'),
  'gi',
);
// A bare "follow me!" is an invitation when the post gives a handle or names a platform.
const BARE_FOLLOW = /\b(?:follow|add)\s+me\b(?!\s+(?:to|into|down|up|out|around|through|along|outside|inside|on\b|at\b|over\b))/gi;
const HANDLE_OR_PLATFORM = new RegExp(`(?:^|\\s)@[\\w.]{2,30}|\\b${PLATFORM}\\b`, 'i');
const FOLLOW = new RegExp(
  [
    `\\b(?:add|follow|friend)\\s+me\\s+(?:on|at|over\\s+on)\\b`,
    `\\b(?:add|follow|friend)\\s+me\\s+@`,
    `\\bfriend\\s+me\\b`,
    `\\bfollow\\s+my\\s+(?:personal\\s+|private\\s+|own\\s+|other\\s+|new\\s+)?(?:account|${PLATFORM}|page|channel|profile)\\b`,
    `\\b(?:I'll|I\\s+will|I\\s+always)\\s+(?:follow|add)\\s+(?:you\\s+)?back\\b`,
    `\\b(?:I\\s+)?accept(?:ing)?\\s+(?:your\\s+|all\\s+|any\\s+)?(?:friend|follow)\\s+requests\\b`,
    `\\b(?:send|shoot)\\s+me\\s+(?:a\\s+)?(?:friend|follow)\\s+request\\b`,
  ].join('|'),
  'gi',
);

// French invitations to private channels; students and families alike must use approved platforms (4.15, 4.17).
const MESSAGE_FR = new RegExp(
  uni(
    [
      `\\b(?:écri(?:vez|s)|textez|texte|envoyez)[-\\s]?(?:moi|nous)\\s+(?:en\\s+(?:privé|DM|MP)|sur\\s+${PLATFORM}|au\\s+\\d)`,
      `\\b(?:écri(?:vez|s)|envoyez)[-\\s]?(?:moi|nous)\\s+ici\\b`,
      `\\bajoutez[-\\s]?moi\\s+(?:sur|à)\\b`,
      `\\bajoute[-\\s]?moi\\s+sur\\b`,
      `\\bsuivez[-\\s]?moi\\s+sur\\b`,
      `\\b(?:groupe|serveur|clavardage)\\s+(?:privé\\s+)?(?:${PLATFORM}|Snap|Messenger|WhatsApp|Discord|Facebook)\\b`,
      `\\b(?:j'ai\\s+)?accepté\\s+(?:la|les|leurs?|sa|ses)\\s+demandes?\\s+(?:d'amitié|d'abonnement)\\b`,
      `\\bm'(?:a|ont)\\s+(?:demandée?\\s+en\\s+amie?|ajoutée?|envoyé\\s+une\\s+demande)\\b`,
      `\\bmon\\s+(?:compte\\s+)?(?:Insta|Instagram|TikTok|Snap|FB|Facebook)\\s+(?:privé|perso)\\b`,
      `\\bje\\s+texte\\s+mes\\s+élèves\\b`,
    ].join('|'),
  ),
  'giu',
);
const AUDIENCE_FR = /(?:élèves|parents|familles|joueu|les\s+filles|les\s+gars|classe|équipe|gang|\d{1,2}e)/i;

// Two-way contact on the district's own platforms is what 4.15 provides for.
const APPROVED =
  /\b(?:on|via|through|in|using|over)\s+(?:(?:Microsoft|MS)\s+)?(?:Teams|Brightspace|D2L|Google\s+Classroom|Classroom|Remind|Edsby|Hapara|the\s+class\s+page|our\s+class\s+page|(?:my\s+|the\s+)?(?:board|school|OCDSB)\s+e-?mail)\b/i;

/**
 * On a school or district account anyone may be reading, students included, so a personal
 * invitation counts there; on a personal account it counts only when students are addressed.
 */
function addressedToStudents(text: string, start: number, end: number, ctx: DraftContext): boolean {
  if (ctx.account !== 'personal') return true;
  const sent = sentenceAround(text, start, end).str;
  const aboutStudents = (s: string): boolean => STUDENT_WORDS.test(s) || CLASS_CODE.test(s);
  if (aboutStudents(sent) || CLASS_PLATFORM.test(sent)) return true;
  if (FAMILY_WORDS.test(sent)) return false;
  return aboutStudents(text) && !FAMILY_WORDS.test(text);
}

function detect(raw: string, ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];
  const scan = (re: RegExp, rule: Rule): void =>
    eachMatch(re, text, (m) => {
      const end = m.index + m[0].length;
      if (APPROVED.test(sentenceAround(text, m.index, end).str)) return;
      if (addressedToStudents(text, m.index, end, ctx)) out.push(finding('student-contact', m.index, end, rule));
    });
  scan(MESSAGE, MESSAGE_RULE);
  scan(FOLLOW, FOLLOW_RULE);
  if (HANDLE_OR_PLATFORM.test(text)) scan(BARE_FOLLOW, FOLLOW_RULE);
  if (looksFrench(text)) eachMatch(MESSAGE_FR, text, (m) => {
    if (ctx.account === 'personal' && !AUDIENCE_FR.test(text)) return;
    if (APPROVED.test(sentenceAround(text, m.index, m.index + m[0].length).str)) return;
    out.push(finding('student-contact', m.index, m.index + m[0].length, MESSAGE_RULE));
  });
  return dedupe(out);
}

export const studentContact: Detector = { kind: 'student-contact', detect };
