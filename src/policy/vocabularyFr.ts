/**
 * The words French-speaking staff use for the procedure's concepts (the same concepts as
 * STAFF_VOCABULARY in vocabulary.ts, which merges this in). Written without accents would
 * work too: text is folded to plain letters before matching. French is first-class in the
 * district, and without these a French question shares almost no term with the English
 * knowledge base.
 */
export const FRENCH_VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  twoway: [
    'message privé', 'messages privés', 'mp', 'texto', 'textos', 'texter', 'clavarder', 'jaser', 'lui écrire',
    'leur écrire', 'écrire à', 'communiquer avec', 'communication avec', 'messagerie', 'répondre à', 'bidirectionnelle',
  ],
  platform: [
    'médias sociaux', 'média social', 'réseaux sociaux', 'réseau social', 'blogue', 'site web', 'plateforme',
    'plateformes', 'appli', 'application',
  ],
  logo: ['écusson', 'emblème', 'image de marque', 'armoiries'],
  behalf: [
    'au nom de', 'au nom du', 'en tant que direction', 'officiellement', 'position officielle', 'porte parole',
    'entrevue', 'journaliste', 'journalistes', 'médias', 'déclaration officielle', 'parler pour', "représenter l'école",
    "l'école appuie", 'le conseil appuie',
  ],
  student: [
    'élève', 'élèves', 'étudiant', 'étudiante', 'étudiants', 'étudiantes', 'enfant', 'enfants', 'jeune', 'jeunes',
    'ado', 'ados', 'adolescent', 'adolescente', 'ma classe', 'joueur', 'joueurs', 'joueuse', 'joueuses', 'mineur',
  ],
  nostudent: [
    "pas d'élèves", "pas d'élève", "pas d'enfants", 'sans élèves', 'sans élève', 'aucun élève', 'aucune élève',
    'juste des adultes', 'seulement des adultes', 'que des adultes', "pas un élève", "pas une élève",
  ],
  formerstudent: [
    'ancien élève', 'ancienne élève', 'anciens élèves', 'anciennes élèves', 'ex élève', 'diplômé', 'diplômée',
    'diplômés', 'a gradué', 'ont gradué', 'a fini son secondaire', 'fini son secondaire', "n'est plus inscrit",
    "n'est plus inscrite", 'plus inscrit', 'anciens',
  ],
  administrator: [
    'administrateur', 'administratrice', 'administrateurs', 'administratrices', 'modérateur', 'modératrice',
    'gestionnaire du compte',
  ],
  secondadmin: [
    'deux administrateurs', 'deux administratrices', 'deux admins', 'aussi administrateur', 'aussi administratrice',
    'aussi admin', 'deux enseignants', 'deux enseignantes', 'collègue aussi', 'coadministrateur',
  ],
  soleadmin: [
    'toute seule', 'tout seul', 'seul administrateur', 'seule administratrice', 'seul admin', 'seule admin',
    "personne d'autre", 'seulement moi',
  ],
  crisis: [
    "exercice d'incendie", 'exercice de confinement', 'exercice', 'confinement', 'évacuation', 'urgence', 'crise',
    'alerte', 'menace', "alarme d'incendie",
  ],
  invite: [
    "demande d'amitié", "demandes d'amitié", 'ajouter', 'ajouté', 'ajoutée', 'me suivre', 'suivre', 'abonner',
    'abonné', 'abonnés', 'abonnement', 'invitation',
    // Exact: the stem of "accepter" is the stem of "acceptable".
    '=accepter',
  ],
  family: ['parent', 'mère', 'père', 'maman', 'papa', 'famille', 'familles', 'tuteur', 'tutrice'],
  negative: [
    'critiquer', 'critique', 'plainte', 'plaindre', 'chialer', 'dénigrer', 'ridiculiser', 'moquer', 'insulter',
    'diffamatoire', 'diffamation', 'réputation', 'incompétent', 'incompétente', 'négatif', 'négativement',
  ],
  image: ['photo', 'photos', 'vidéo', 'vidéos', "capture d'écran", 'égoportrait'],
  privateinfo: [
    'renseignements personnels', 'information personnelle', 'informations personnelles', 'confidentiel',
    'confidentielle', 'consentement', 'santé', 'santé mentale', 'maladie', 'congé de maladie', 'diagnostic',
    'numéro de téléphone', 'nom complet', 'nom de famille', 'identifier', 'identifiable', 'bulletin', 'huis clos',
    'pas encore public', 'pas encore annoncé',
  ],
  copyright: [
    "droit d'auteur", "droits d'auteur", 'piraté', 'piratée', 'logiciel', 'logiciels', 'licence', 'chanson',
    'chansons', 'musique', 'manuel scolaire', 'plagiat',
  ],
  hate: [
    'haine', 'haineux', 'haineuse', 'raciste', 'racisme', 'sexiste', 'homophobe', 'transphobe', 'discriminatoire',
    'discrimination', 'religion',
  ],
  harass: ['harceler', 'harcèle', 'harcèlement', 'intimidation', 'intimider', 'menacer'],
  political: [
    'politique', 'politiques', 'élection', 'élections', 'candidat', 'candidate', 'parti', 'voter', 'campagne',
    'député', 'premier ministre', 'gouvernement', 'grève', 'manifestation', 'pétition', 'apolitique',
    'prendre position',
  ],
  remove: ['supprimer', 'supprimé', 'effacer', 'retirer', 'masquer', 'bloquer', 'enlever'],
  inappropriate: ['inapproprié', 'inappropriée', 'déplacé', 'grossier', 'vulgaire', 'offensant', 'injurieux', 'pourriel'],
  discipline: [
    'mesure disciplinaire', 'mesures disciplinaires', 'congédié', 'renvoyé', 'suspendu', 'sanction', 'sanctions',
    'conséquence', 'conséquences', 'perdre mon emploi', 'des problèmes',
  ],
  monitor: ['surveiller', 'surveillance', 'surveillé', 'espionner'],
  unsure: ['pas sûr', 'pas sûre', 'pas certain', 'pas certaine', 'à qui demander', 'délicat', 'controversé', 'zone grise'],
  disclaimer: [
    'ne représente pas', 'ne représentent pas', 'mes opinions', 'mes propres opinions', 'opinions personnelles',
    'avis de non responsabilité', 'avertissement',
  ],
  permission: ['permission', 'autorisation', 'approbation', 'approuver', 'autoriser', 'feu vert', 'permission écrite'],
  account: ['compte', 'comptes', 'profil', 'profils', 'chaîne'],
  club: [
    'club', 'équipe', 'équipes', 'conseil des élèves', 'cours', 'chorale', 'harmonie', 'parascolaire', 'programme',
  ],
  email: ['courriel', 'courriels', 'adresse courriel', 'adresse du conseil', 'courriel du conseil'],
  personal: [
    'perso', 'compte perso', 'compte personnel', 'mon propre compte', 'personnelle', 'privé', 'privée',
    'fin de semaine', 'à la maison', 'temps libre',
  ],
  announce: [
    'annonce', 'annonces', 'annoncer', 'rappel', 'rappels', 'horaire', 'calendrier', 'mise à jour', 'promouvoir',
    'souligner', 'célébrer',
  ],
  approved: ['approuvé', 'approuvée', 'approuvés', 'approuvées', 'autorisé', 'autorisée'],
  unapproved: ['non approuvé', 'non approuvée', 'pas approuvé', 'pas approuvée', 'non autorisé', 'non autorisée'],
  blocked: ['bloqué', 'bloquée', 'réseau', 'filtré', 'accès restreint'],
  security: ['pirater', 'mot de passe', 'sécurité', 'sécuriser', 'hameçonnage'],
  repost: ['repartager', 'repartagé', 'republier', 'republié', 'relayer'],
  cleanup: ['ménage', 'vieilles publications', 'anciennes publications', 'nettoyer', 'nettoyage'],
  frequency: ['à quelle fréquence', 'combien de fois', 'trop souvent', 'inactif', 'régulièrement'],
  leaving: ["quitte l'école", "quitter l'école", 'une autre école', 'mutation', 'retraite', 'remplaçant', 'remplacer'],
  alias: ['pseudonyme', 'pseudo', 'surnom', 'anonyme', 'faux nom', 'vrai nom', "nom d'utilisateur"],
  foi: ["accès à l'information", 'protection de la vie privée', 'laimpvp'],
  define: ['définition', 'définir', 'défini', 'veut dire', 'signifie', "c'est quoi", "qu'est-ce que", 'considéré'],
  colleague: ['collègue', 'collègues', 'employé', 'employée', 'employés', 'membre du personnel', 'membres du personnel'],
  manage: ['gérer', 'gère', 'gestion', 'responsable', 'administrer', "s'occuper"],
  create: ['créer', 'créé', 'créée', 'ouvrir', 'lancer', 'démarrer', 'inscrire', 'inscription', 'nouveau compte'],
  askpermission: [
    'est-ce que je peux', 'je peux', 'puis-je', 'peut-on', "est-ce qu'on peut", 'ai-je le droit', "j'ai le droit",
    'est-ce permis', "c'est permis", "c'est correct", "c'est ok", 'est-ce correct', 'je peux-tu',
  ],
  askfacts: ['qui', 'quel', 'quelle', 'quels', 'quelles', 'comment', 'que dois-je'],
  online: [
    'publier', 'publié', 'publiée', 'publication', 'publications', 'partager', 'partagé', 'en ligne', 'internet',
    'commentaire', 'commentaires', 'commenter', 'mettre en ligne', 'afficher',
  ],
  procedure: ['cette procédure', 'la procédure', 'conseiller scolaire', 'conseillers scolaires', 'conseillères scolaires'],
  role: ['quel service', 'quel département', 'qui est responsable', "qui s'occupe", 'qui gère', 'qui décide'],
  schooladmin: [
    'direction', 'directeur', 'directrice', 'direction adjointe', 'directeur adjoint', 'directrice adjointe',
    'administration',
  ],
};
