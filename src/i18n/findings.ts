import type { Finding, FindingKind } from '../policy/detectors/types';
import type { Lang } from './language';

/**
 * The French for what a check finds. The detectors and the draft model write their findings in
 * English and are not ours to change, so the French is chosen here from what a finding is: its
 * kind, refined where one kind has several rules (the placeholder of a personal-information
 * rule, the clause of a student-contact rule, the "not sure" finding sent to Communications).
 * A rule added later without a refinement still reads correctly: it gets its kind's wording.
 */
export interface FindingWords {
  message: string;
  fix: string;
}

export const FINDINGS_FR: Record<FindingKind, FindingWords & { reads: string }> = {
  'personal-information': {
    message: 'Ceci communique des renseignements personnels sur un élève, une famille ou un collègue (identité, santé, famille ou situation).',
    fix: 'Retirez tout ce qui permet de reconnaître la personne (un nom, un visage, ou un ensemble comme le prénom, l’année et l’école) et tout détail de santé, de handicap ou de famille, à moins d’avoir son consentement écrit.',
    reads: 'communiquent des renseignements personnels sur quelqu’un',
  },
  confidential: {
    message: 'Ceci semble communiquer des renseignements confidentiels ou internes (une note de service, un procès-verbal ou une chose pas encore annoncée).',
    fix: 'Retirez l’information interne; ne communiquez que ce que l’école ou le conseil a rendu public, ou partagez l’annonce officielle.',
    reads: 'révèlent des affaires internes ou pas encore annoncées',
  },
  defamatory: {
    message: 'Ceci donne une image négative d’élèves, de familles, de collègues, de l’école ou du conseil, même si c’est dit à la blague.',
    fix: 'Retirez les remarques négatives, le sarcasme et les émojis ou mots-clics moqueurs. Si vous avez une préoccupation, parlez-en à votre direction d’école ou à votre superviseur, pas dans les médias sociaux.',
    reads: 'donnent une image négative de personnes, de l’école ou du conseil',
  },
  'harassment-hate': {
    message: 'Ceci harcèle ou menace quelqu’un, ou exprime de la haine envers une personne ou un groupe identifiable.',
    fix: 'Retirez les propos menaçants, harcelants ou haineux. Ne publiez pas ceci.',
    reads: 'harcèlent ou visent un groupe de personnes',
  },
  'student-contact': {
    message: 'Ceci invite des élèves ou des familles à communiquer avec vous hors des plateformes approuvées par le conseil (message privé, groupe de clavardage, compte ou numéro personnel).',
    fix: 'Utilisez la plateforme approuvée par le conseil pour la communication bidirectionnelle avec les élèves et les familles, et n’acceptez pas d’élèves comme amis ou abonnés.',
    reads: 'invitent des élèves à vous écrire en privé',
  },
  political: {
    message: 'Les comptes d’école et du conseil doivent rester apolitiques : ceci parle de partis, de candidats, d’élections ou d’une position partisane.',
    fix: 'Retirez le contenu politique du compte d’école ou du conseil. Le personnel peut exprimer ses opinions politiques seulement sur un compte personnel, et pas au nom de l’école.',
    reads: 'font campagne politique',
  },
  'speaking-for-school': {
    message: 'Ceci parle au nom de l’école, du service ou du conseil, ce qui exige une permission écrite.',
    fix: 'Demandez d’abord la permission écrite de votre direction d’école ou de votre superviseur (bouton de demande), ou reformulez le texte comme votre opinion personnelle.',
    reads: 'parlent au nom de l’école ou du conseil',
  },
  logo: {
    message: 'Les logos du conseil et des écoles (écusson, emblème, image de marque) exigent une permission avant d’être utilisés dans les médias sociaux.',
    fix: 'Faites une demande d’utilisation du logo à votre direction d’école, à votre superviseur ou aux Communications avant de publier, ou publiez sans le logo.',
    reads: 'utilisent un logo de l’école ou du conseil',
  },
  copyright: {
    message: 'Ceci utilise ou partage l’œuvre de quelqu’un d’autre (musique, images, personnages, livre ou logiciel) sans permission, ce qui enfreint le droit d’auteur.',
    fix: 'Utilisez votre propre matériel, du matériel dont la licence le permet, ou un lien vers la source officielle plutôt qu’une copie.',
    reads: 'utilisent l’œuvre de quelqu’un d’autre',
  },
  crisis: {
    message: 'Ceci porte sur une crise ou une urgence. En situation de crise, seules les Communications publient à ce sujet.',
    fix: 'Ne publiez pas vous-même : transmettez-le aux Communications (et à votre direction d’école), qui décideront de ce qui est communiqué, et partagez ce qu’elles publient.',
    reads: 'portent sur une urgence en cours',
  },
  'disclaimer-missing': {
    message: 'Sur un compte personnel, précisez que vos publications ne représentent pas l’école ni le conseil.',
    fix: 'Ajoutez une ligne comme « Opinions personnelles; elles ne représentent pas mon école ni le conseil. »',
    reads: 'parlent de l’école à partir d’un compte personnel',
  },
};

/** Personal-information rules told apart by their placeholder, each with its own French. */
const PERSONAL_BY_PLACEHOLDER: Record<string, FindingWords & { placeholder: string }> = {
  '[email removed]': {
    message: 'Ceci communique une adresse courriel. Les coordonnées personnelles ne doivent pas être publiées.',
    fix: 'Retirez l’adresse courriel, ou dirigez les gens vers le secrétariat de l’école.',
    placeholder: '[courriel retiré]',
  },
  '[phone number removed]': {
    message: 'Ceci communique un numéro de téléphone. Les numéros personnels ne doivent pas être publiés.',
    fix: 'Retirez le numéro, ou donnez plutôt celui du secrétariat de l’école.',
    placeholder: '[numéro de téléphone retiré]',
  },
  '[address removed]': {
    message: 'Ceci communique une adresse qui semble être celle d’un domicile.',
    fix: 'Retirez l’adresse.',
    placeholder: '[adresse retirée]',
  },
  '[number removed]': {
    message: 'Ceci ressemble à un numéro d’élève (numéro d’immatriculation scolaire de l’Ontario) ou à un autre numéro d’identification.',
    fix: 'Retirez le numéro.',
    placeholder: '[numéro retiré]',
  },
  '[date removed]': { message: 'Ceci communique une date de naissance.', fix: 'Retirez la date de naissance.', placeholder: '[date retirée]' },
  "[student's name]": {
    message: 'Ceci nomme un élève avec sa classe ou son année, ce qui permet de le reconnaître.',
    fix: 'Retirez le nom de l’élève, ou publiez seulement si le consentement de la famille est au dossier.',
    placeholder: '[nom de l’élève]',
  },
  '[private detail removed]': {
    message: 'Ceci communique des détails sur la santé, l’apprentissage ou la famille d’un élève.',
    fix: 'Retirez les détails de santé, d’apprentissage ou de famille.',
    placeholder: '[détail privé retiré]',
  },
};

/** The photo questions: identifiable students without consent, a logo in the image. */
const IMAGE_FR: Partial<Record<FindingKind, FindingWords>> = {
  'personal-information': {
    message: 'L’image montre des élèves reconnaissables, et aucun formulaire de consentement n’est au dossier.',
    fix: 'Ne publiez que les élèves dont le formulaire de consentement est au dossier, ou brouillez leurs visages.',
  },
  logo: {
    message: 'L’image montre un logo du conseil ou d’une école, qui exige une permission avant d’être utilisé dans les médias sociaux.',
    fix: FINDINGS_FR.logo.fix,
  },
};

const FOLLOW_FR: FindingWords = {
  message: 'Ceci invite des élèves à vous ajouter ou à vous suivre, ce que le personnel ne peut pas accepter.',
  fix: 'Retirez l’invitation; communiquez plutôt les nouvelles par le compte approuvé de l’école ou de la classe.',
};

/** The check's own "not sure" finding: nothing found, yet the draft reads close to a problem. */
function notSureFr(kind: FindingKind, clause: string): FindingWords {
  const w = FINDINGS_FR[kind];
  return {
    message: `Je ne peux pas affirmer que ce texte convient : il ressemble à des publications qui ${w.reads} (${clause}). Je n’ai pas pu en juger avec certitude.`,
    fix: `Consultez les Communications avant de publier (4.4). ${w.fix}`,
  };
}

/** A finding's message and fix in the person's language. */
export function findingWords(f: Finding, lang: Lang): FindingWords {
  if (lang === 'en') return { message: f.message, fix: f.fix };
  if (f.severity === 'ask-communications' && f.clause === '4.4') return notSureFr(f.kind, f.clauses[1] ?? f.clause);
  if (f.start === f.end && f.placeholder === undefined && IMAGE_FR[f.kind] && /\bimage\b/i.test(f.message)) return IMAGE_FR[f.kind]!;
  if (f.kind === 'personal-information' && f.placeholder && PERSONAL_BY_PLACEHOLDER[f.placeholder]) return PERSONAL_BY_PLACEHOLDER[f.placeholder]!;
  if (f.kind === 'student-contact' && f.clause === '4.7') return FOLLOW_FR;
  return FINDINGS_FR[f.kind];
}

/** The check's suggested version with its English placeholders ("[email removed]") put in French. */
export function redactedIn(redacted: string, lang: Lang): string {
  if (lang === 'en') return redacted;
  let out = redacted;
  for (const [en, words] of Object.entries(PERSONAL_BY_PLACEHOLDER)) out = out.split(en).join(words.placeholder);
  return out;
}
