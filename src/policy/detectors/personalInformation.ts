import type { Detector, DraftContext, Finding } from './types';
import { before, ci, dedupe, eachMatch, finding, inUrl, normalize, Rule, sentenceAround, STUDENT_WORDS } from './util';

/**
 * Personal information about students or colleagues (4.6(c)); posting it without consent is
 * also a ground for discipline (4.19(a)).
 */
const CLAUSES = ['4.6(c)', '4.19(a)'];
const rule = (message: string, fix: string, placeholder: string): Rule => ({
  clause: '4.6(c)',
  clauses: CLAUSES,
  severity: 'not-allowed',
  message,
  fix,
  placeholder,
});

const EMAIL_RULE = rule(
  'This shares an email address. Personal contact details must not be posted.',
  'Remove the email address, or point people to the school office instead.',
  '[email removed]',
);
const PHONE_RULE = rule(
  'This shares a phone number. Personal phone numbers must not be posted.',
  "Remove the phone number, or give the school office's number instead.",
  '[phone number removed]',
);
const ADDRESS_RULE = rule(
  "This shares a street address that looks like someone's home.",
  'Remove the address.',
  '[address removed]',
);
const OEN_RULE = rule(
  'This looks like a student number (Ontario Education Number) or another ID number.',
  'Remove the number.',
  '[number removed]',
);
const DOB_RULE = rule('This shares a date of birth.', 'Remove the date of birth.', '[date removed]');
const NAME_RULE = rule(
  "This names a student together with their class or grade, which identifies them.",
  "Remove the student's name, or post only with the family's consent on file.",
  "[student's name]",
);
const DETAIL_RULE = rule(
  "This shares a student's health, learning or family details.",
  'Remove the health, learning or family details.',
  '[private detail removed]',
);
export const IMAGE_RULE = rule(
  'The image shows students who can be identified, and no consent form is on file.',
  "Post only students whose consent form is on file, or blur their faces.",
  '',
);

// ---------------------------------------------------------------- contact details

// Bounded quantifiers and the lookbehind keep a long unbroken paste linear.
const EMAIL = /(?<![\w.%+-])([\w.%+-]{1,64})@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g;
// Role addresses belong to an office, not a person; posting them is how families reach the school.
const ROLE_LOCAL =
  /^(?:info|office|admin|communications|comms|contact|hello|reception|attendance|main|general|enquiries|inquiries|support|help|helpdesk|webmaster|no-?reply|media|news|careers|jobs|hr|registration|registrar|library|guidance|transportation|privacy|feedback)$|(?:team|office|council|club|committee|fair|events?|volunteers?|athletics|sports|music|band|yearbook|grads?|prom|pac|pta|school|library|admissions|registration|attendance|reception|info)/i;

const PHONE =
  /(?<![\w+.-]|\d[\s.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?:\s?(?:ext\.?|x)\s?\d{1,5})?(?![\w]|[.-]\d)/g;
const TOLL_FREE = /^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\b/;
// A number introduced as an office or a help line is published for the public.
const INSTITUTIONAL_LINE =
  /\b(?:office|school(?:'s)?|reception|main\s+line|attendance(?:\s+line)?|switchboard|front\s+desk|help\s*line|crisis\s+line|hotline|help\s+phone|info\s+line|board|district|centre|center|clinic|library|kids\s+help)\b[^.!?\n]{0,40}$/i;
const MY_LINE = /\b(?:me|my\s+(?:cell|phone|number|mobile)|my\s+personal)\b[^.!?\n]{0,12}$/i;

const STREET_TYPE =
  '(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Crescent|Cres|Court|Ct|Boulevard|Blvd|Lane|Ln|Way|Place|Pl|Terrace|Terr|Circle|Cir|Parkway|Pkwy|Trail|Private|Pvt|Gate|Grove|Heights|Hts|Square|Sq|Ridge|Row|Path|Close|Gardens|Highway|Hwy)';
const ADDRESS = new RegExp(
  `(?<![\\w.,-])\\d{1,5}[A-Za-z]?(?:\\s+[A-Z][\\w'.-]{0,30}){1,3}\\s+${STREET_TYPE}\\b\\.?`,
  'g',
);
// Event notices give a venue's address; those are public places, not homes.
const VENUE =
  /\b(?:school|collegiate|secondary|public school|high school|elementary|centre|center|arena|library|hall|park|gym|field|church|office|campus|museum|theat(?:re|er)|stadium|rink|pool|complex|community|venue|restaurant|store|shop|caf[eé]|mall|hotel|clinic|hospital|bakery|market|farm)\b/i;
const HOME = /\b(?:house|home|lives|living|address|apartment|apt|backyard|driveway|place)\b/i;

// Consistent separators (the backreference) so that "123-456-789" counts and a list of numbers does not.
const NINE_DIGITS = /(?<![\w$#.,/=-]|\d[\s-]|\$\s)(\d{3})([\s-]?)\d{3}\2\d{3}(?![\w%$]|[.,]\d|[\s-]\d)/g;
const MONEY_AFTER = /^\s*(?:dollars|\$|cad|usd|k\b)/i;

// ---------------------------------------------------------------- dates of birth

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const DATE = `(?:${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?(?:,?\\s+\\d{4})?|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})`;
const DATE_WITH_YEAR = `(?:${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})`;
const DOB = new RegExp(
  `\\b(?:born\\s+(?:on\\s+)?|D\\.?O\\.?B\\.?\\s*(?:[:=-]|is)?\\s*|date\\s+of\\s+birth\\s*(?:[:=-]|is)?\\s*|birth\\s*date\\s*(?:[:=-]|is)?\\s*)(${DATE})(?![\\w])|\\bbirthday\\s+is\\s+(?:on\\s+)?(${DATE_WITH_YEAR})(?![\\w])`,
  'gi',
);

// ---------------------------------------------------------------- students' names

const NAME_TOKEN = "[A-Z][a-z\\u00E0-\\u00FF]{1,20}(?:['-][A-Z]?[a-z\\u00E0-\\u00FF]{1,20}){0,2}";
const NAME = `(${NAME_TOKEN}(?:\\s+${NAME_TOKEN})?(?:\\s+[A-Z]\\.)?)`;
const GRADE = `(?:${ci('grade')}|${ci('gr')}\\.?)\\s*\\d{1,2}\\b`;
const GRADE_WORD = `${ci('grade')}\\s+(?:${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map(ci).join('|')})\\b`;
const TITLE = '(?:Ms|Mr|Mrs|Mx|Dr|Mme|Madame|Miss|M)\\.?';
const CLASS_REF =
  `(?:(?:${ci('my')}|${ci('our')}|${ci('the')}|${ci('this')}|${TITLE})\\s+)?(?:[A-Z][\\w'-]{0,20}'s\\s+)?` +
  `(?:${GRADE}|${GRADE_WORD}|${ci('kindergarten')}|JK|SK|FDK|${ci('room')}\\s*\\d{1,4}\\b|\\d{1,2}[A-Z](?![A-Za-z])|(?:[\\w-]{1,12}\\s+){0,3}${ci('class')}(?:${ci('room')})?\\b|${ci('homeroom')}|${ci('division')}\\s*\\d{1,2}\\b|\\d{1,2}(?:st|nd|rd|th)\\s+${ci('grade')})`;
const STUDENT_NOUN = `(?:${['student', 'pupil', 'learner', 'kid', 'kiddo', 'grader', 'kindergartner', 'kindergartener', 'camper', 'athlete'].map(ci).join('|')})s?`;

const NAME_PATTERNS: RegExp[] = [
  // "Emma Tremblay in grade 3", "Noah from Room 12", "Ethan in Ms. Patel's class"
  new RegExp(`${NAME}\\s*,?\\s+(?:${ci('in')}|${ci('from')}|${ci('of')})\\s+${CLASS_REF}`, 'g'),
  // "Zoe, who is in grade 3"
  new RegExp(`${NAME}\\s*,?\\s+(?:${ci('who is')}|${ci("who's")}|${ci('who was')})\\s+(?:${ci('in')}|${ci('from')})\\s+${CLASS_REF}`, 'g'),
  // "Maya Chen (grade 5)", "Olivia, grade 4,"
  new RegExp(`${NAME}\\s*(?:\\(\\s*|,\\s*)(?:${GRADE}|${GRADE_WORD}|JK|SK|${ci('kindergarten')}|${ci('room')}\\s*\\d{1,4}\\b|\\d{1,2}[A-Z](?![A-Za-z]))`, 'g'),
  // "Hannah Kowalski, our Grade 12 valedictorian", "Sam, our student of the month"
  new RegExp(
    `${NAME}\\s*,\\s*(?:${ci('a')}|${ci('an')}|${ci('our')}|${ci('my')}|${ci('the')}|${ci("this year's")})\\s+(?:(?:new|former)\\s+)?(?:${GRADE}|${GRADE_WORD}|JK|SK|${ci('kindergarten')}|\\d{1,2}(?:st|nd|rd|th)[- ]${ci('grade')}|${ci('valedictorian')}|${ci('salutatorian')}|${ci('student of the month')}|${ci('athlete of the year')}|${ci('head girl')}|${ci('head boy')}|${ci('student council president')}|${ci('prime minister')}|${ci('MVP')})`,
    'g',
  ),
  // "Liam, a grade 5 student", "Emma, one of my students"
  new RegExp(
    `${NAME}\\s*,?\\s+(?:(?:is|was)\\s+)?(?:${ci('a')}|${ci('an')}|${ci('our')}|${ci('my')}|${ci('one of my')}|${ci('one of our')})\\s+(?:(?:new|former|little|amazing|awesome|wonderful|favourite|favorite)\\s+)?(?:(?:${GRADE}|[\\w-]{1,12})\\s+)?${STUDENT_NOUN}\\b`,
    'g',
  ),
];
// "my student Liam", "our grade 8 student Maya Singh": the name follows the context.
// The noun is lowercase: a capitalized "Student Council" or "Kids Help Phone" is a proper name, not a student's.
const LOWER_STUDENT_NOUN = '(?:student|pupil|learner|kid|kiddo|grader|kindergartner|kindergartener|camper|athlete|graduate|grad|valedictorian|player)s?';
const NAME_AFTER = new RegExp(
  `(?<![\\w])(?:(?:${ci('my')}|${ci('our')}|${ci('a')}|${ci('the')}|${ci('this')}|${ci('one of my')}|${ci('one of our')})\\s+)?(?:(?:${GRADE}|${GRADE_WORD}|new|former|little|favourite|favorite)\\s+)?${LOWER_STUDENT_NOUN}\\s*,?\\s+${NAME}`,
  'g',
);

// Casual posts often skip capitals ("congrats to jayden r. (gr 4)"); after a greeting and before a grade, a lowercase word is still a name.
const LOWER_NAME = new RegExp(
  `\\b(?:congrat\\w*|shout[- ]?outs?|kudos|happy\\s+(?:\\d{1,2}(?:st|nd|rd|th)\\s+)?birthday|welcome|thanks|thank\\s+you|well\\s+done|bravo|way\\s+to\\s+go|proud\\s+of)\\s+(?:to\\s+)?([a-z\\u00E0-\\u00FF][a-z\\u00E0-\\u00FF'-]{1,20}(?:\\s+[a-z]\\.)?(?:\\s+[a-z\\u00E0-\\u00FF][a-z\\u00E0-\\u00FF'-]{1,20})?)\\s*(?:\\(\\s*|,\\s*|\\s+(?:in|from|of)\\s+(?:my\\s+|our\\s+)?)(?:grade|gr\\.?|room|kindergarten|jk|sk|\\d{1,2}[a-z]\\b)`,
  'gid',
);

/** Capitalized words that are not names, so that "Everyone in grade 3" or "students Monday" do not count as a name. */
const NOT_NAMES = new Set(
  (
    'I A An The This That These Those Our My Your Their His Her Its We You They He She It Me Us Them ' +
    'And But Or So Also Then Now Here There Today Tonight Tomorrow Yesterday Later Earlier Soon Last Next This Every Each ' +
    'Everyone Everybody Anyone Anybody Someone Somebody Nobody None All Some Many Most Few Both Several Others Other Another ' +
    'Students Student Kids Kid Children Child Pupils Learners Parents Families Family Teachers Teacher Staff Volunteers Friends ' +
    'Girls Boys Teams Team Grads Graduates Seniors Juniors Readers Writers Scientists Artists Musicians Athletes Players Winners ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September ' +
    'October November December Spring Summer Fall Autumn Winter Welcome Congratulations Congrats Thanks Thank Happy Shout ' +
    'Shoutout Kudos Bravo Great Good Well Big Huge Special Reminder Note Please Update News Photos Pictures Highlights Grade ' +
    'Grades Class Classes Room School Club Council Government Senate Union Leadership Success Services Voice Vote Kindergarten ' +
    'Junior Senior Intermediate Primary Elementary Secondary Ms Mr Mrs Mx Dr Madame Mme Miss Coach Principal Vice Math Maths ' +
    'Science Sciences French English Music Art Arts Drama Gym Health Physical Education History Geography Social Studies ' +
    'Recess Lunch Reading Writing Learning Work Projects Project Everything Nothing Something What Who When Where Why How ' +
    'Ottawa Canada Canadian Ontario OCDSB God Day Week Month Year Term Semester Morning Afternoon Evening Night Library ' +
    'Hello Hi Hey Dear Just Only Even Still Again Proud Amazing Awesome Fantastic Wonderful Fun Love Loved Check Join Come ' +
    'Please Remember Don Do Did Does Is Are Was Were Be Been Being If When While Because Since After Before During Until ' +
    'Sad Tragic Breaking Urgent Important Attention Notice Alert Congratulation Celebrate Celebrating Meet Introducing ' +
    'Field Trip Concert Fair Show Game Games Match Tournament Assembly Festival Ceremony Graduation Prom Dance Run Walk ' +
    'Room Hall Gym Cafeteria Office Bus Buses Indigenous Black Asian Muslim Jewish Christian Sikh Hindu Pride Orange Shirt ' +
    'Terry Fox Award Awards Honour Honor Roll Star Stars Citizen Citizenship Athlete Month Week Student Council Rep Reps ' +
    'French Immersion Core Extended Gifted Special Needs Program Programs Mental Wellness Career Careers Co Op Coop Ministry'
  ).split(/\s+/),
);
// Lowercase words that follow "congrats to" without being a name.
const COMMON_LOWER = new Set(
  'everyone everybody all our my the of team class classes grades students kids grads graduates winners players girls boys you us them those these this that both each staff families parents volunteers donors helpers friends teachers coaches sponsors readers artists athletes runners singers dancers musicians performers participants classmates buddies leaders members champions scientists writers organizers organisers new'.split(' '),
);
const TITLE_BEFORE =
  /\b(?:Ms|Mr|Mrs|Mx|Dr|Mme|Madame|Miss|Coach|Principal|Constable|Cst|Officer|Sergeant|Sgt|Chief|Trustee|Superintendent|Director|Professor|Prof|Captain|Capt|Mayor|Councillor|Father|Sister|Pastor|Rabbi|Imam|Chef|Author|Elder|Sir|Dame|Saint|St|Nurse|Monsieur|Senator|Minister|Premier|MPP|MP|Judge|Justice|Detective|Firefighter|Paramedic)\.?\s+$/;

interface NameHit {
  start: number;
  end: number;
}

/** Trims stopwords and possessives off a captured name; null when nothing name-like is left. */
function cleanName(text: string, capStart: number, cap: string): NameHit | null {
  const tokens: { s: number; w: string }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(cap); m !== null; m = re.exec(cap)) tokens.push({ s: capStart + m.index, w: m[0] });
  while (tokens.length > 0 && NOT_NAMES.has((tokens[0] as { w: string }).w.replace(/'s$/, ''))) tokens.shift();
  // A name ends at the first stopword ("Liam Today" is Liam).
  const kept: { s: number; w: string }[] = [];
  for (const t of tokens) {
    if (NOT_NAMES.has(t.w.replace(/'s$/, '').replace(/\.$/, ''))) break;
    kept.push(t);
    if (/'s$/.test(t.w)) break;
  }
  if (kept.length === 0) return null;
  const first = kept[0] as { s: number; w: string };
  const last = kept[kept.length - 1] as { s: number; w: string };
  const end = last.s + last.w.replace(/'s$/, '').length;
  if (end - first.s < 2) return null;
  if (TITLE_BEFORE.test(text.slice(Math.max(0, first.s - 20), first.s))) return null;
  return { start: first.s, end };
}

// "Maya, Owen and Zoe in grade 3": the earlier names in the list share the context.
const NAME_LIST_BEFORE = new RegExp(`(?:${NAME_TOKEN}(?:\\s+${NAME_TOKEN})?\\s*(?:,\\s*(?:and\\s+|&\\s*)?|\\s+(?:and|&)\\s+))+$`);
const LIST_NAME = new RegExp(`${NAME_TOKEN}(?:\\s+${NAME_TOKEN})?`, 'g');
function listedBefore(text: string, hit: NameHit): NameHit[] {
  const from = Math.max(0, hit.start - 120);
  const m = NAME_LIST_BEFORE.exec(text.slice(from, hit.start));
  if (m === null) return [];
  const base = from + m.index;
  const out: NameHit[] = [];
  eachMatch(LIST_NAME, m[0], (n) => {
    const h = cleanName(text, base + n.index, n[0]);
    if (h !== null) out.push(h);
  });
  return out;
}

function studentNames(text: string): NameHit[] {
  const hits: NameHit[] = [];
  // Every pattern in NAME_PATTERNS starts with the name, so the capture starts at the match.
  const take = (m: RegExpExecArray): void => {
    const cap = m[1];
    if (cap === undefined) return;
    const hit = cleanName(text, m.index, cap);
    if (hit !== null) hits.push(hit, ...listedBefore(text, hit));
  };
  for (const re of NAME_PATTERNS) eachMatch(re, text, take);
  eachMatch(LOWER_NAME, text, (m) => {
    const cap = m[1];
    if (cap === undefined) return;
    const first = cap.split(/\s+/)[0] ?? '';
    if (NOT_NAMES.has(first.charAt(0).toUpperCase() + first.slice(1)) || COMMON_LOWER.has(first)) return;
    const at = m.indices?.[1];
    if (at === undefined) return;
    hits.push({ start: at[0], end: at[1] });
  });
  eachMatch(NAME_AFTER, text, (m) => {
    const cap = m[1];
    if (cap === undefined) return;
    const hit = cleanName(text, m.index + m[0].length - cap.length, cap);
    if (hit !== null) hits.push(hit);
  });
  return hits;
}

/**
 * Once a name is known to be a student's, its other mentions identify the same student. One pass
 * over the capitalized words keeps this linear however many names a long paste holds.
 */
const CAPITALIZED = new RegExp(`(?<![\\w'-])${NAME_TOKEN}(?![\\w-])`, 'g');
function otherMentions(text: string, hits: NameHit[]): NameHit[] {
  const firsts = new Set<string>();
  for (const h of hits) {
    const first = text.slice(h.start, h.end).split(/\s+/)[0];
    if (first !== undefined && first.length >= 2) firsts.add(first);
  }
  const extra: NameHit[] = [];
  eachMatch(CAPITALIZED, text, (m) => {
    const word = m[0].replace(/'s$/, '');
    if (!firsts.has(word)) return;
    if (TITLE_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) return;
    extra.push({ start: m.index, end: m.index + word.length });
  });
  return extra;
}

// ---------------------------------------------------------------- health, learning and family details

const CONDITIONS =
  '(?:ADHD|ADD|autism|ASD|anxiety|depression|diabetes|type\\s+1\\s+diabetes|epilepsy|seizures|cancer|leukemia|asthma|OCD|dyslexia|a\\s+learning\\s+disability|an?\\s+eating\\s+disorder|cerebral\\s+palsy|Down\\s+syndrome|FASD|ODD|Tourette\'?s?|PTSD|bipolar(?:\\s+disorder)?|a\\s+(?:heart|kidney|rare)\\s+condition|lice|head\\s+lice|an?\\s+(?:behaviou?r|safety)\\s+plan)';
const ALLERGEN =
  '(?:severe|life-threatening|anaphylactic|peanut|nut|tree-nut|tree\\s+nut|egg|dairy|milk|gluten|bee|wasp|shellfish|fish|sesame|soy|latex)';
const DETAIL = new RegExp(
  [
    `\\bhas\\s+(?:an?\\s+)?IEP\\b`,
    `\\bon\\s+(?:an?\\s+)?IEP\\b`,
    `\\b(?:is|was|has\\s+been|got|been|just\\s+been|recently)\\s+diagnosed\\s+with\\s+(?:an?\\s+)?[\\w'-]{1,30}`,
    `\\bdiagnosed\\s+with\\s+(?:an?\\s+)?[\\w'-]{1,30}`,
    `\\b(?:has|have|had)\\s+(?:(?:a|an)\\s+)?(?:(?:severe|mild|serious|rare|chronic|diagnosed|bad|terrible|crippling|genetic|terminal)\\s+)?${CONDITIONS}(?:\\s+disorder)?\\b`,
    `\\b(?:has|have|had)\\s+(?:a|an)\\s+(?:[\\w-]{1,15}\\s+){0,2}?(?:disorder|disability|syndrome|illness|disease)\\b`,
    `\\b(?:suffers|suffering|struggles|struggling)\\s+(?:from|with)\\s+(?:severe\\s+)?(?:depression|anxiety|an?\\s+eating\\s+disorder|self-harm|addiction|mental\\s+health\\s+issues|suicidal\\s+thoughts)\\b`,
    `\\b(?:is|was|has\\s+been)\\s+(?:fighting|battling|dying\\s+(?:of|from))\\s+(?:cancer|leukemia|[\\w-]{1,15}\\s+cancer|an?\\s+(?:rare|serious|terminal)\\s+[\\w-]{1,20}|addiction)\\b`,
    `\\b(?:is|was|has\\s+been)\\s+(?:being\\s+)?(?:assessed|tested|evaluated)\\s+for\\s+(?:autism|ADHD|a\\s+learning\\s+disability|[\\w-]{1,20}\\s+disorder)\\b`,
    `\\b(?:has\\s+been|was)\\s+hospitali[sz]ed\\b`,
    `\\b(?:has|having|had|needs|getting|got)\\s+(?:a\\s+|an\\s+)?(?:[\\w-]{1,15}\\s+){0,2}?(?:surgery|operation|chemo(?:therapy)?|transplant)\\b`,
    `\\b(?:his|her|their)\\s+(?:[\\w-]{1,15}\\s+)?(?:condition|diagnosis|surgery|chemo(?:therapy)?|medications?|meds|seizures|disability|disorder|illness)\\b`,
    `\\b(?:is|was)\\s+(?:autistic|epileptic|diabetic|bipolar|suicidal|self-harming|pregnant|on\\s+the\\s+spectrum)\\b`,
    `\\b(?:is|was|are)\\s+on\\s+(?:medication|meds|antidepressants|ritalin)\\b`,
    `\\b(?:starts?|started|starting|takes|taking)\\s+(?:new\\s+)?(?:medication|meds|ritalin|antidepressants)\\b`,
    `\\b(?:is|was|are)\\s+(?:severely\\s+)?allergic\\s+to\\s+[\\w-]{1,30}`,
    `\\b${ALLERGEN}\\s+allerg(?:y|ies)\\b`,
    `\\b(?:parents?|mom|dad|mother|father|family)\\b[^.!?\\n]{0,50}?\\b(?:divorc(?:e|ed|es|ing)|separat(?:ed|ing|ion)|splitting\\s+up|split\\s+up|custody\\s+(?:battle|fight|dispute))\\b`,
    `\\bin\\s+(?:foster\\s+care|(?:CAS|Children's\\s+Aid)\\s+care|care\\s+of\\s+(?:CAS|the\\s+Children's\\s+Aid(?:\\s+Society)?)|a\\s+group\\s+home|a\\s+(?:women's\\s+|family\\s+|homeless\\s+)?shelter)\\b`,
    `\\bfoster\\s+(?:kid|child|home|family|parents)\\b`,
    `\\b(?:CAS|Children's\\s+Aid(?:\\s+Society)?)\\s+(?:is\\s+|are\\s+|got\\s+|was\\s+|were\\s+)?(?:involved|called|came|visited)\\b`,
    `\\b(?:mom|dad|mother|father|parent|brother|sister)\\s+(?:is|was|went|got\\s+sent)\\s+(?:in|to)\\s+(?:jail|prison)\\b`,
    `\\b(?:is|are|was|were)\\s+(?:now\\s+)?homeless\\b`,
    `\\b(?:got|was|were|been|being|is\\s+being|are\\s+being)\\s+(?:deported|incarcerated|arrested|evicted|locked\\s+up)\\b`,
    `\\b(?:lost|losing|lose)\\s+custody\\b`,
    `\\bon\\s+(?:welfare|social\\s+assistance|ODSP|Ontario\\s+Works|food\\s+stamps)\\b`,
    `\\b(?:can't|cannot|couldn't|can\\s+not)\\s+afford\\s+(?:to\\s+\\w+\\s+)?(?:lunch|lunches|food|groceries|rent|a\\s+coat|boots|the\\s+trip|school\\s+supplies|diapers|heat)\\b`,
    `\\b(?:was|is\\s+being|were|has\\s+been)\\s+(?:sexually\\s+|physically\\s+)?abused\\b`,
  ].join('|'),
  'gi',
);
// A detail about someone in particular: a singular student, a pronoun, or a name.
const w = (words: string): string => words.split('|').map((x) => ci(x)).join('|');
const SPECIFIC_STUDENT = new RegExp(
  `\\b(?:(?:${w('a|one|this|that|the new|our new|my new|new|my|our|your|his|her|their|another|the')})\\s+(?:little\\s+|${GRADE}\\s+|${GRADE_WORD}\\s+)?(?:${w('student|pupil|kid|boy|girl|child|learner|kiddo|grader|kindergartner|kindergartener')})\\b` +
    `|${ci('one of')}\\s+(?:${w('my|our|the')})\\s+(?:${w('students|kids|pupils|learners|boys|girls')})\\b` +
    `|(?:${w('he|she|his|her|him')})\\b` +
    `|[A-Z][a-z]{1,20}'s\\b)` +
    `|(?<=[a-z,;:]\\s{1,3})[A-Z][a-z]{2,20}\\b`,
);
const SELF_SUBJECT = new RegExp(
  `\\b(?:I|I've|I'm|${w('we')}|${ci('my')}\\s+(?:${w('husband|wife|partner|son|daughter|mom|mother|dad|father|brother|sister|kid|kids|child|children|family|baby|boy|girl|dog|cat|own')}))\\b[^.!?\\n]{0,25}$`,
);

function details(text: string): NameHit[] {
  const hits: NameHit[] = [];
  const aboutStudents = STUDENT_WORDS.test(text);
  eachMatch(DETAIL, text, (m) => {
    const sent = sentenceAround(text, m.index, m.index + m[0].length);
    if (SELF_SUBJECT.test(before(text, m.index, 60))) return;
    const specific = SPECIFIC_STUDENT.exec(sent.str);
    if (specific === null) return;
    // A pronoun or name only points at a student when the draft is about students.
    if (!aboutStudents && !/(?:student|pupil|kid|boy|girl|child|learner|grader|kindergart)/i.test(specific[0])) return;
    hits.push({ start: m.index, end: m.index + m[0].length });
  });
  return hits;
}

// ---------------------------------------------------------------- the detector

function detect(raw: string, _ctx: DraftContext): Finding[] {
  const text = normalize(raw);
  const out: Finding[] = [];

  eachMatch(EMAIL, text, (m) => {
    if (ROLE_LOCAL.test(m[1] ?? '')) return;
    out.push(finding('personal-information', m.index, m.index + m[0].length, EMAIL_RULE));
  });

  eachMatch(PHONE, text, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (inUrl(text, start, end)) return;
    if (TOLL_FREE.test(m[0])) return;
    const lead = before(text, start, 60);
    if (INSTITUTIONAL_LINE.test(lead) && !MY_LINE.test(lead)) return;
    out.push(finding('personal-information', start, end, PHONE_RULE));
  });

  eachMatch(ADDRESS, text, (m) => {
    const sent = sentenceAround(text, m.index, m.index + m[0].length).str;
    if (VENUE.test(sent) && !HOME.test(sent)) return;
    out.push(finding('personal-information', m.index, m.index + m[0].length, ADDRESS_RULE));
  });

  eachMatch(NINE_DIGITS, text, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (inUrl(text, start, end)) return;
    if (MONEY_AFTER.test(text.slice(end, end + 8))) return;
    if (/[$€£]\s*$/.test(text.slice(Math.max(0, start - 3), start))) return;
    // Digits straight after a colon continue a time or a ratio rather than start an ID.
    if (/\d[:]$/.test(text.slice(Math.max(0, start - 2), start))) return;
    out.push(finding('personal-information', start, end, OEN_RULE));
  });

  eachMatch(DOB, text, (m) => {
    const date = m[1] ?? m[2];
    if (date === undefined) return;
    const start = m.index + m[0].length - date.length;
    out.push(finding('personal-information', start, m.index + m[0].length, DOB_RULE));
  });

  const names = studentNames(text);
  for (const h of [...names, ...(names.length > 0 ? otherMentions(text, names) : [])]) {
    out.push(finding('personal-information', h.start, h.end, NAME_RULE));
  }

  for (const h of details(text)) out.push(finding('personal-information', h.start, h.end, DETAIL_RULE));

  return dedupe(out);
}

export const personalInformation: Detector = { kind: 'personal-information', detect };
