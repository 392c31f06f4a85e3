import type { Lang } from './language';
import type { Verdict } from '../policy/answer';
import type { CheckResult } from '../policy/check';
import type { FindingKind } from '../policy/detectors/types';
import type { RequestKind } from '../requests/requestKind';

/**
 * Every word a person reads on an answer or a check, in English and in French, in one place.
 * Placeholders are written {name} and filled by `fill`; a unit test checks that each French
 * string exists, is not the English copy, and carries the same placeholders.
 * The French is Ontario French as the district writes it (conseil, direction d'école, courriel).
 */
export interface Strings {
  answer: {
    badges: Record<Verdict, string>;
    youAsked: string;
    /** Appended to an "I'm not sure" answer: clause 4.4 says to ask. */
    unsure: string;
    procedureSays: string;
    footer: string;
    thanksHelpful: string;
    thanksNotHelpful: string;
    helpful: string;
    notHelpful: string;
    askCommunications: string;
    checkDraft: string;
    rateLimited: string;
    sentToCommunications: string;
    answeredByCommunications: string;
    /** Answers computed without a knowledge entry, in words the person reads. */
    notSure: string;
    notSureClosest: string;
    clauseOnly: string;
    clauseSpeaks: string;
  };
  requests: Record<RequestKind, string>;
  check: {
    badges: Record<CheckResult['verdict'], { label: string; summary: string }>;
    title: string;
    highlighted: string;
    findingHeading: string;
    howToFix: string;
    redactedTitle: string;
    procedureSays: string;
    draftLabel: string;
    draftPlaceholder: string;
    draftMissing: string;
    draftTooLong: string;
    accountLabel: string;
    accountMissing: string;
    accountError: string;
    accounts: { personal: string; school: string; district: string };
    photoHeading: string;
    showsStudents: string;
    studentsIdentifiable: string;
    consentOnFile: string;
    showsLogo: string;
    privacy: string;
    check: string;
    checkAgain: string;
    askCommunications: string;
    rateLimited: string;
    sentToCommunications: string;
    requestFormSent: string;
    chatUnreachable: string;
    staleButton: string;
    findingTitles: Record<FindingKind, string>;
  };
  cli: {
    answerVerdicts: Record<Verdict, string>;
    confidence: string;
    checkHeads: Record<CheckResult['verdict'], string>;
    fix: string;
    suggested: string;
  };
}

const en: Strings = {
  answer: {
    badges: {
      allowed: '✅ Allowed',
      'not-allowed': '⛔ Not allowed',
      'needs-permission': '✋ Needs written permission first',
      conditional: '⚖️ It depends',
      info: 'ℹ️ What the procedure says',
      unknown: "❓ I'm not sure",
    },
    youAsked: 'You asked: {question}',
    unsure:
      'These are the closest parts of the procedure. Clause 4.4 says to ask your principal or Communications when in doubt: I can send your question to Communications.',
    procedureSays: 'What the procedure says',
    footer: '{number}, {title}. Confidence {percent}%.',
    thanksHelpful: 'Thanks: glad it helped.',
    thanksNotHelpful: 'Thanks for saying so. You can ask Communications for a person to answer.',
    helpful: '👍 Helpful',
    notHelpful: '👎 Not helpful',
    askCommunications: 'Ask Communications',
    checkDraft: 'Check a draft post',
    rateLimited: "You're asking faster than I can keep up with. Please wait {seconds} seconds and ask again; your question is still above.",
    sentToCommunications: 'Sent to Communications on {date}. Their answer will come to your chat with me.',
    answeredByCommunications: 'Communications answered on {date}: {answer}',
    notSure:
      "I'm not sure {number} answers that. If it is about posting or social media, ask your principal or the Communications department before you go ahead (4.4).",
    notSureClosest: 'The closest parts of {number} are {clauses}.',
    clauseOnly: 'Here is what {clause} of {number} says.',
    clauseSpeaks: '{number} speaks to this in {clause}; its words are quoted below.',
  },
  requests: {
    'speak-on-behalf': 'Request permission to speak for the school',
    'logo-use': 'Request logo use',
    'school-account': 'Request a school account',
    'club-following': 'Request students following a club account',
  },
  check: {
    badges: {
      ok: { label: '✅ OK to post', summary: 'Nothing in it breaks the procedure. Keep it professional (4.2).' },
      'needs-permission': { label: '✋ Needs written permission first', summary: 'Get written permission before you post it; you can request it from here.' },
      'not-allowed': { label: '⛔ Not allowed as written', summary: 'Change what is highlighted before posting.' },
      'ask-communications': {
        label: '📣 Ask Communications first',
        summary: 'Communications manages all social-media communication in a crisis or emergency (3.2). Please don’t post about it yourself.',
      },
    },
    title: 'Can I post this?',
    highlighted: 'Your draft, with what I found highlighted',
    findingHeading: '{icon} {title} (clause {clause})',
    howToFix: 'How to fix it: {fix}',
    redactedTitle: 'Suggested version without the personal information',
    procedureSays: 'What the procedure says',
    draftLabel: 'Draft post',
    draftPlaceholder: 'Paste your draft post here',
    draftMissing: 'Paste the post you want to check.',
    draftTooLong: 'Your draft is {length} characters; I check up to {limit} here. I kept the first {limit}: shorten it and check again.',
    accountLabel: 'Where will it be posted?',
    accountMissing: 'Choose where it will be posted.',
    accountError: 'Choose the account.',
    accounts: { personal: 'My personal account', school: 'A school, class, team or club account', district: 'A district account' },
    photoHeading: 'If there is a photo or video:',
    showsStudents: 'It shows students',
    studentsIdentifiable: 'Students can be identified (faces, names, jerseys)',
    consentOnFile: 'Their consent forms are on file',
    showsLogo: 'It shows a school or board logo or crest',
    privacy: "I don't keep your draft: it is checked and forgotten unless you start a request or ask Communications about it.",
    check: 'Check',
    checkAgain: 'Check again',
    askCommunications: 'Ask Communications',
    rateLimited: "You're checking faster than I can keep up with. Please wait {seconds} seconds and press Check again; your draft is kept below.",
    sentToCommunications: 'I sent your draft to Communications (clause 4.4). Their answer will come to your chat with me.',
    requestFormSent: 'I sent a pre-filled request form to your chat with me.',
    chatUnreachable: 'I could not reach your chat with me. Open a chat with me and type "request".',
    staleButton: 'That button is from a card I no longer understand.',
    findingTitles: {
      'personal-information': 'Personal information',
      confidential: 'Confidential information',
      defamatory: 'Reflects negatively on someone',
      'harassment-hate': 'Harassment or hate',
      'student-contact': 'Private contact with students',
      political: 'Political content on a school or district account',
      'speaking-for-school': 'Speaking for the school or district',
      logo: 'Board or school logo',
      copyright: 'Copyright',
      crisis: 'Crisis or emergency',
      'disclaimer-missing': 'Say these are your own views',
    },
  },
  cli: {
    answerVerdicts: {
      allowed: 'ALLOWED',
      'not-allowed': 'NOT ALLOWED',
      'needs-permission': 'NEEDS WRITTEN PERMISSION',
      conditional: 'IT DEPENDS',
      info: 'INFORMATION',
      unknown: 'NOT SURE: ask Communications (clause 4.4)',
    },
    confidence: 'confidence {percent}%',
    checkHeads: {
      ok: 'OK to post: nothing in it breaks the procedure.',
      'needs-permission': 'NEEDS WRITTEN PERMISSION before posting.',
      'not-allowed': 'NOT ALLOWED as written.',
      'ask-communications': 'ASK COMMUNICATIONS: they speak for the district in a crisis (clause 3.2).',
    },
    fix: 'Fix: {fix}',
    suggested: 'Suggested version:',
  },
};

const fr: Strings = {
  answer: {
    badges: {
      allowed: '✅ Permis',
      'not-allowed': '⛔ Non permis',
      'needs-permission': '✋ Permission écrite requise d’abord',
      conditional: '⚖️ Ça dépend',
      info: 'ℹ️ Ce que dit la procédure',
      unknown: '❓ Je ne suis pas certain',
    },
    youAsked: 'Votre question : {question}',
    unsure:
      'Voici les passages les plus proches de la procédure. L’article 4.4 invite à consulter la direction d’école ou les Communications en cas de doute : je peux transmettre votre question aux Communications.',
    procedureSays: 'Ce que dit la procédure (texte officiel en anglais, avec une explication en français)',
    footer: '{number}, {title} (texte en anglais seulement). Confiance : {percent} %.',
    thanksHelpful: 'Merci! Content que cela vous ait aidé.',
    thanksNotHelpful: 'Merci de nous le dire. Vous pouvez demander aux Communications qu’une personne vous réponde.',
    helpful: '👍 Utile',
    notHelpful: '👎 Pas utile',
    askCommunications: 'Demander aux Communications',
    checkDraft: 'Vérifier une ébauche de publication',
    rateLimited: 'Vous posez des questions plus vite que je ne peux suivre. Attendez {seconds} secondes et reposez-la; votre question est toujours ci-dessus.',
    sentToCommunications: 'Transmise aux Communications le {date}. Leur réponse arrivera dans votre conversation avec moi.',
    answeredByCommunications: 'Les Communications ont répondu le {date} : {answer}',
    notSure:
      'Je ne suis pas certain que la {number} réponde à cette question. S’il s’agit de publier ou des médias sociaux, consultez votre direction d’école ou le service des Communications avant d’aller de l’avant (4.4).',
    notSureClosest: 'Les passages les plus proches de la {number} sont {clauses}.',
    clauseOnly: 'Voici ce que dit l’article {clause} de la {number}.',
    clauseSpeaks: 'La {number} traite de cette question à l’article {clause}; son texte est cité ci-dessous.',
  },
  requests: {
    'speak-on-behalf': 'Demander la permission de parler au nom de l’école',
    'logo-use': 'Demander l’utilisation du logo',
    'school-account': 'Demander un compte d’école',
    'club-following': 'Demander que des élèves suivent un compte de club',
  },
  check: {
    badges: {
      ok: { label: '✅ Vous pouvez publier', summary: 'Rien dans ce texte ne contrevient à la procédure. Restez professionnel (4.2).' },
      'needs-permission': {
        label: '✋ Permission écrite requise d’abord',
        summary: 'Obtenez une permission écrite avant de publier; vous pouvez la demander d’ici.',
      },
      'not-allowed': { label: '⛔ Non permis tel quel', summary: 'Modifiez ce qui est surligné avant de publier.' },
      'ask-communications': {
        label: '📣 Consultez d’abord les Communications',
        summary:
          'En situation de crise ou d’urgence, les Communications gèrent toutes les communications dans les médias sociaux (3.2). Veuillez ne pas publier à ce sujet vous-même.',
      },
    },
    title: 'Puis-je publier ceci?',
    highlighted: 'Votre ébauche, avec ce que j’ai relevé en surbrillance',
    findingHeading: '{icon} {title} (article {clause})',
    howToFix: 'Comment corriger : {fix}',
    redactedTitle: 'Version suggérée sans les renseignements personnels',
    procedureSays: 'Ce que dit la procédure (texte officiel en anglais, avec une explication en français)',
    draftLabel: 'Ébauche de publication',
    draftPlaceholder: 'Collez votre ébauche ici',
    draftMissing: 'Collez la publication que vous voulez vérifier.',
    draftTooLong:
      'Votre ébauche compte {length} caractères; je vérifie jusqu’à {limit} ici. J’ai gardé les {limit} premiers : raccourcissez-la et vérifiez de nouveau.',
    accountLabel: 'Où sera-t-elle publiée?',
    accountMissing: 'Choisissez où elle sera publiée.',
    accountError: 'Choisissez le compte.',
    accounts: {
      personal: 'Mon compte personnel',
      school: 'Un compte d’école, de classe, d’équipe ou de club',
      district: 'Un compte du conseil',
    },
    photoHeading: 'S’il y a une photo ou une vidéo :',
    showsStudents: 'On y voit des élèves',
    studentsIdentifiable: 'Les élèves sont reconnaissables (visages, noms, chandails)',
    consentOnFile: 'Leurs formulaires de consentement sont au dossier',
    showsLogo: 'On y voit un logo ou un écusson de l’école ou du conseil',
    privacy:
      'Je ne conserve pas votre ébauche : elle est vérifiée puis oubliée, sauf si vous faites une demande ou consultez les Communications à son sujet.',
    check: 'Vérifier',
    checkAgain: 'Vérifier de nouveau',
    askCommunications: 'Demander aux Communications',
    rateLimited:
      'Vous vérifiez plus vite que je ne peux suivre. Attendez {seconds} secondes et appuyez de nouveau sur Vérifier; votre ébauche est conservée ci-dessous.',
    sentToCommunications: 'J’ai transmis votre ébauche aux Communications (article 4.4). Leur réponse arrivera dans votre conversation avec moi.',
    requestFormSent: 'J’ai envoyé un formulaire de demande prérempli dans votre conversation avec moi.',
    chatUnreachable: 'Je n’ai pas pu joindre votre conversation avec moi. Ouvrez une conversation avec moi et tapez « request ».',
    staleButton: 'Ce bouton vient d’une carte que je ne comprends plus.',
    findingTitles: {
      'personal-information': 'Renseignements personnels',
      confidential: 'Renseignements confidentiels',
      defamatory: 'Donne une image négative de quelqu’un',
      'harassment-hate': 'Harcèlement ou haine',
      'student-contact': 'Contact privé avec des élèves',
      political: 'Contenu politique sur un compte d’école ou du conseil',
      'speaking-for-school': 'Parler au nom de l’école ou du conseil',
      logo: 'Logo du conseil ou de l’école',
      copyright: 'Droit d’auteur',
      crisis: 'Crise ou urgence',
      'disclaimer-missing': 'Précisez qu’il s’agit de vos opinions personnelles',
    },
  },
  cli: {
    answerVerdicts: {
      allowed: 'PERMIS',
      'not-allowed': 'NON PERMIS',
      'needs-permission': 'PERMISSION ÉCRITE REQUISE',
      conditional: 'ÇA DÉPEND',
      info: 'RENSEIGNEMENTS',
      unknown: 'PAS CERTAIN : consultez les Communications (article 4.4)',
    },
    confidence: 'confiance {percent} %',
    checkHeads: {
      ok: 'Vous pouvez publier : rien ne contrevient à la procédure.',
      'needs-permission': 'PERMISSION ÉCRITE REQUISE avant de publier.',
      'not-allowed': 'NON PERMIS tel quel.',
      'ask-communications': 'CONSULTEZ LES COMMUNICATIONS : elles parlent au nom du conseil en situation de crise (article 3.2).',
    },
    fix: 'Correction : {fix}',
    suggested: 'Version suggérée :',
  },
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { en, fr };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** Fills {name} placeholders; a missing value is left visible so a test catches it. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
