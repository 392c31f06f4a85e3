import type { Procedure } from '../policy/procedure';

/**
 * The procedure exists in English only, so its words are quoted as written; a French reader gets
 * this explanation beside each quote. One line per clause, saying what the clause says and no
 * more (the verdict boundaries are in the answers). A sub-item without its own line is explained
 * by its parent's; a unit test checks that every clause of the procedure has one or the other.
 */
export const CLAUSES_FR: Readonly<Record<string, string>> = {
  '1.0': 'Raison d’être : fixer des normes pour l’utilisation des comptes de médias sociaux dans l’environnement du conseil.',
  '2.0': 'Les termes employés dans la procédure sont définis à l’annexe A.',
  '3.0': 'Qui est responsable de quoi.',
  '3.1': 'Le service Business and Learning Technologies (BLT) restreint l’accès aux plateformes de médias sociaux et aide le personnel à sécuriser les comptes du conseil.',
  '3.2': 'Les Communications gèrent tous les comptes du conseil, donnent des lignes directrices aux écoles et gèrent toutes les communications dans les médias sociaux en situation de crise ou d’urgence.',
  '3.3': 'La direction d’école gère les comptes de médias sociaux de son école.',
  '3.4': 'Le personnel doit respecter cette procédure ainsi que les lignes directrices de son ordre professionnel ou de son association, s’il y a lieu.',
  '4.0': 'Les règles de la procédure.',
  '4.1': 'La procédure s’applique aux plateformes de médias sociaux, aux blogues, aux sites personnels, aux fils RSS, aux messageries instantanées et ailleurs sur Internet, pour l’usage personnel comme professionnel.',
  '4.2': 'Il est conseillé de séparer l’usage personnel et professionnel, mais il faut rester professionnel en tout temps.',
  '4.3': 'La direction d’école, les superviseurs ou leurs délégués peuvent surveiller l’usage public des médias sociaux par leur personnel.',
  '4.4': 'En cas de doute sur ce qu’il convient de publier, consultez votre direction d’école ou le service des Communications.',
  '4.5': 'Les sites et commentaires personnels doivent préciser qu’ils ne représentent pas l’école, le service ni le conseil; cet avis n’excuse pas un manquement à la procédure.',
  '4.6': 'Le personnel doit faire preuve de citoyenneté numérique responsable : rien de diffamatoire ni de négatif envers élèves, personnel, école ou conseil; aucun renseignement personnel ou confidentiel, harcèlement ou haine; respect du droit d’auteur.',
  '4.6(a)': 'Interagir de façon éclairée et responsable, en modèle de citoyenneté numérique conforme aux valeurs et politiques du conseil.',
  '4.6(b)': 'Ne rien publier de diffamatoire ni qui nuise à la réputation d’un élève, d’un membre du personnel, de l’école ou du conseil.',
  '4.6(c)': 'Ne pas publier d’images nuisibles ni de propos calomnieux, ne pas divulguer de renseignements personnels ou confidentiels, ne pas harceler ni inciter à la haine.',
  '4.6(d)': 'Respecter le droit d’auteur, pour le contenu publié comme pour les logiciels utilisés.',
  '4.7': 'Ne pas accepter d’invitations d’amitié ou d’abonnement d’élèves, sur un compte personnel ou d’école, sauf pour un compte de cours ou de club dont au moins un autre membre du personnel est administrateur.',
  '4.8': 'Le conseil autorise et limite l’usage des plateformes de médias sociaux sur ses réseaux (politique P.100.IT).',
  '4.9': 'N’utiliser que les plateformes approuvées par le conseil, sous son propre nom dans les groupes scolaires; ce qui y est publié est assujetti à la LAIMPVP (MFIPPA).',
  '4.9(a)': 'N’utiliser que les plateformes de médias sociaux approuvées par le conseil.',
  '4.9(b)': 'Utiliser seulement son propre nom dans un groupe de médias sociaux à des fins scolaires.',
  '4.9(c)': 'Tout ce qui est publié sur les plateformes approuvées par le conseil est assujetti à la Loi sur l’accès à l’information municipale et la protection de la vie privée (MFIPPA).',
  '4.10': 'La direction d’école n’approuve un compte d’école qu’avec un conseiller du personnel et au moins deux administrateurs du personnel, remplace le conseiller qui part, et veille à un contenu apolitique, respectueux et non discriminatoire.',
  '4.10(a)': 'Un compte d’école n’est approuvé que s’il a un conseiller du personnel et au moins deux membres du personnel administrateurs.',
  '4.10(b)': 'Nommer un nouveau conseiller quand le conseiller ou un administrateur quitte l’école.',
  '4.10(c)': 'Le contenu des comptes d’école respecte le code de conduite : apolitique, respectueux, non discriminatoire et sans haine.',
  '4.11': 'Un profil créé avec un courriel du conseil sert seulement à des fins scolaires ou du conseil; un compte d’école est créé avec le courriel générique de l’école.',
  '4.12': 'Sans la permission écrite de la direction d’école, d’un délégué ou d’un superviseur, un employé ne peut pas parler au nom de l’école, du service ou du conseil dans les médias sociaux.',
  '4.13': 'Les logos du conseil et des écoles ne sont utilisés dans les médias sociaux qu’avec la permission préalable de la direction d’école, d’un délégué, d’un superviseur ou des Communications.',
  '4.14': 'Les administrateurs de comptes font un nettoyage périodique, évitent un compte trop actif ou inactif, et repartagent les nouvelles pertinentes du conseil.',
  '4.14(a)': 'Faire un nettoyage périodique des comptes du conseil.',
  '4.14(b)': 'Éviter qu’un compte soit trop actif ou inactif.',
  '4.14(c)': 'Repartager les publications du conseil utiles à l’école (programmes, événements).',
  '4.15': 'Le conseil fournit des plateformes approuvées pour la communication bidirectionnelle avec les élèves et les familles.',
  '4.16': 'Au besoin, le personnel enseignant peut faire des annonces scolaires sur les comptes approuvés par l’école.',
  '4.17': 'La communication bidirectionnelle non autorisée avec des élèves par un compte personnel ou du conseil n’est pas permise.',
  '4.18': 'Les administrateurs de comptes peuvent supprimer les messages inappropriés et doivent en informer les Communications.',
  '4.19': 'Des mesures disciplinaires sont possibles pour du contenu diffamatoire, pornographique, harcelant, discriminatoire ou haineux, des renseignements personnels publiés sans consentement, ou une activité qui perturbe l’école ou le travail.',
  '4.19(a)': 'Contenu diffamatoire, pornographique, exclusif, harcelant, discriminatoire ou haineux, renseignements personnels sans consentement, ou milieu de travail rendu négatif.',
  '4.19(b)': 'Activité dans les médias sociaux, personnelle ou professionnelle, qui perturbe l’école ou le conseil ou nuit à l’exercice des fonctions.',
  '5.0': 'Annexe : l’annexe A donne les définitions.',
  '6.0': 'Documents de référence, dont la Loi sur l’éducation, les lignes directrices de l’Ordre des enseignantes et des enseignants de l’Ontario et les WCAG 2.0.',
  'A:Board': 'Définition : « Board » désigne le conseil des conseillères et conseillers scolaires (les élus).',
  'A:District': 'Définition : « District » désigne le Conseil scolaire du district d’Ottawa-Carleton (OCDSB).',
  'A:Inappropriate message': 'Définition : un « message inapproprié » est inadmissible, violent ou haineux, par exemple une remarque négative d’un membre du personnel sur un collègue, un élève ou un responsable du conseil.',
  'A:OCDSB Community': 'Définition : la « communauté de l’OCDSB » comprend toutes les personnes qui apprennent, travaillent ou reçoivent des services dans l’environnement du conseil.',
  'A:OCDSB Environment': 'Définition : l’« environnement de l’OCDSB » comprend les lieux, autobus, milieux virtuels, médias électroniques et activités du conseil, dont les sorties et activités parascolaires.',
  'A:Social Media': 'Définition : les « médias sociaux » sont les sites Web ou applications qui permettent aux utilisateurs de créer et de partager du contenu ou de participer à des réseaux sociaux.',
  'A:User': 'Définition : un « utilisateur » est tout membre de la communauté de l’OCDSB qui utilise la technologie de l’information, personnelle ou du conseil, dans l’environnement du conseil.',
};

/** The French explanation of a clause, its parent's for a sub-item without its own. */
export function clauseExplanationFr(procedure: Procedure, id: string): string | null {
  const own = CLAUSES_FR[id];
  if (own) return own;
  const parent = procedure.byId.get(id)?.parent;
  return parent ? (CLAUSES_FR[parent] ?? null) : null;
}
