import { FRENCH_VOCABULARY } from './vocabularyFr';

/**
 * The words staff use for the procedure's words (DOMAIN.md, "Words staff use"). Each
 * concept lists the phrases that mean it; a question or a clause that contains any of them
 * also carries the concept, so "can I snap a kid" meets "two-way communications with
 * students" without sharing a single word. Phrases are matched on stems, before stop words
 * are dropped, so "not approved" and "on behalf" survive. A leading "=" asks for the exact
 * words where stemming would over-reach ("=reporter" must not catch "report a broken window").
 */
const ENGLISH_VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  // Two-way communication (4.15, 4.17): any private or back-and-forth channel.
  twoway: [
    'communicate with', 'communication with', 'communications with', 'reach parents', 'reach families',
    'reach students', 'contact parents', 'contact families', 'contact students', 'contact a student',
    'contact a parent', 'dm', 'dms', 'dming', 'dmed', 'direct message', 'private message', 'pm', 'pms', 'inbox',
    'message', 'messages', 'messaging', 'messenger', 'text', 'texting', 'texted', 'txt', 'sms', 'chat', 'chatting',
    'group chat', 'gc', 'snap', 'snapchat', 'whatsapp', 'whats app', 'discord', 'telegram', 'signal app', 'imessage',
    'two way', 'twoway', 'reply', 'replies', 'respond', 'correspond', 'correspondence', 'contact privately',
    'slide into',
  ],
  // Social media platforms and the apps and sites staff name (4.1, 4.9(a)).
  platform: [
    'site', 'sites', 'tool', 'tools', 'website', 'websites', 'social media', 'socials', 'social network',
    'social networking', 'insta', 'ig', 'instagram', 'x', 'twitter', 'tweet', 'tweets', 'tweeting', 'tiktok',
    'tik tok', 'tt', 'fb', 'facebook', 'youtube', 'yt', 'linkedin', 'reddit', 'blog', 'blogs', 'blogging',
    'pinterest', 'threads', 'bluesky', 'mastodon', 'snapchat', 'twitch', 'vlog', 'platform', 'platforms', 'app',
    'apps',
  ],
  // Board and school logos (4.13).
  logo: [
    'logo', 'logos', 'crest', 'emblem', 'branding', 'brand', 'insignia', 'wordmark', 'school colours',
  ],
  // Speaking on behalf of the school, department, District or Board (4.12), media requests included.
  behalf: [
    'asking me to comment', 'asked me to comment', 'asked for a comment', 'for comment', 'wants a comment',
    'wants me to comment', 'answer their questions', 'media called', 'ocdsb supports', 'board supports',
    'district supports', 'ocdsb opposes', 'board opposes', 'ocdsb believes', 'as a school', 'we as a school',
    'our school thinks', 'our school believes', 'the school disagrees', 'the school supports', 'as a district',
    'as a department', 'blogger', 'youtuber', 'influencer', 'q and a', 'ama', 'documentary', 'podcaster',
    'media outlet', 'write about our school', 'talk about our school', 'talk about the school',
    'speak about our school', 'feature on our school', 'on behalf', 'behalf', 'as the school', 'for the school',
    'officially', 'official statement', 'official position', 'official response', 'our position', 'school position',
    'the board position', 'stance', 'interview', 'interviewed', 'spokesperson', 'spokesman', 'speak for', 'speak on',
    'speaking for', 'represent the school', 'represent the board', 'representing the school', 'on record',
    '=reporter', '=reporters', 'journalist', 'press', 'newspaper', 'news outlet', 'media request', 'tv', 'radio',
    'podcast', 'quote me', 'public statement', 'make a statement', 'comment to the media', 'respond to the news',
    'speak on behalf', 'voice of the school',
  ],
  // Students, however staff name them.
  student: [
    'athlete', 'athletes', 'player', 'players', 'my team', 'co op student', 'student', 'students', 'kid', 'kids',
    'pupil', 'pupils', 'my class', 'learner', 'learners', 'child', 'children', 'teen', 'teens', 'teenager', 'minor',
    'minors', 'my grade', 'homeroom',
  ],
  // People who are not (or no longer) students: 4.7 and 4.6(c) are about current students.
  // As longer phrases they outweigh the "student" inside them ("no kids in it", "former student").
  nostudent: [
    'no kids', 'no kid', 'no students', 'no student', 'no children', 'no pupils', 'not a student', 'not students',
    'without students', 'without kids', 'only adults', 'just adults', 'all adults', 'no photos of kids',
    'no pics of kids', 'no photos of students',
  ],
  formerstudent: [
    'former student', 'former students', 'old student', 'old students', 'ex student', 'past student',
    // "Graduated", not "graduates": "she graduates next week" is still a student today.
    'past students', 'graduated', 'alumni', 'alumnus', 'alumna',
    'no longer enrolled', 'not enrolled', 'finished high school', 'finished school',
  ],
  // Account administrators (4.14, 4.18).
  administrator: [
    'administer', 'administers', 'administering', 'people who run', 'person who runs', 'admin', 'admins',
    'administrator', 'administrators', 'administrative', 'mod', 'mods', 'moderator', 'owner', 'co admin', 'coadmin',
    'account manager', 'run the account', 'runs the account', 'manage the account', 'manages the account',
    'in charge of the account', 'administrative access', 'administrative privileges',
  ],
  // The 4.7 exception: another staff member also has administrative access.
  secondadmin: [
    'both admins', 'both administrators', 'co admins', 'we both', 'two staff admins', 'another staff admin',
    'two admins', 'two administrators', 'second admin', 'another admin', 'other admin', 'co admin', 'coadmin',
    'another teacher', 'another staff', 'other staff member', 'two teachers', 'two of us', 'both of us',
    'colleague also', 'at least one other', 'two staff', 'shared access',
  ],
  // No other staff administrator, so the 4.7 exception does not apply.
  soleadmin: [
    'only i have', 'only i know', 'only one who has', 'only one with access', 'i am the only one', 'only i can',
    'only admin', 'only one admin', 'sole admin', 'only teacher', 'only staff', 'only one with', 'only person',
    'just me', 'only me', 'by myself', 'myself only', 'no other teacher', 'no other staff', 'nobody else',
    'no one else', 'alone', 'one admin', 'single admin', 'i am the only',
  ],
  // Crisis or emergency communications, which Communications manages (3.2).
  crisis: [
    'fire drill', 'lockdown drill', 'drill', 'crisis', 'emergency', 'emergencies', 'lockdown', 'lock down',
    'evacuation', 'evacuate', 'hold and secure', 'shelter in place', 'bomb threat', 'threat', 'active shooter',
    'fire alarm', 'gas leak', 'police', 'incident',
  ],
  // "Friend" and "follow" invitations (4.7). Bare "friend" is left out: "my friend keeps posting" is not a request.
  invite: [
    'friend request', 'friend requests', 'friend me', 'friended me', 'friended by', 'friend them', 'friends with',
    'be friends', 'add as a friend', 'friend a student', 'friend students', 'friend my students', 'friend invite',
    'friend invitation', 'unfriend', 'follow', 'follows', 'follower', 'followers', 'following', 'follow request',
    'follow back', 'accept a', 'accept the', 'accept their', 'accept his', 'accept her', 'accept them', 'accept it',
    'accept him', 'accept student', 'accept students', 'accept request', 'accept follow', 'accept friend', 'add me',
    'added me', 'adding me', 'adds me', 'add them', 'add back', 'add him', 'add her', 'connect', 'connection',
    'invitation', 'invite', 'subscribe',
  ],
  // Families, including "my student's mom" (the longer phrase keeps it from reading as a student).
  family: [
    'student mom', 'student dad', 'student parent', 'student parents', 'student mother', 'student father', 'kid mom',
    'kid dad', 'kid parent', 'kids parents', 'pupil parent', 'parent', 'parents', 'mom', 'mum', 'dad', 'guardian',
    'guardians', 'caregiver', 'caregivers', 'family', 'families',
  ],
  // Posts that reflect negatively on someone (4.6(b)).
  negative: [
    'scathing', 'hit piece', 'expose', 'tear apart', 'blast', 'toxic', 'awful', 'horrible', 'worst', 'sucks',
    'useless', 'clueless', 'mad at', 'angry at', 'upset with', 'pissed', 'furious', 'yelled', 'screamed', 'shouted',
    'fed up', 'complain', 'complaining', 'rant', 'ranting', 'vent', 'venting', 'trash talk', 'badmouth', 'bad mouth',
    'diss', 'throw shade', 'shade', 'roast', 'criticize', 'criticise', 'criticism', 'bash', 'bashing', 'insult',
    'mock', 'mocking', 'make fun', 'slam', 'call out', 'negative', 'negatively', 'defamatory', 'defame', 'slander',
    'slanderous', 'reputation', 'mean comment', 'annoying', 'terrible', 'incompetent', 'idiot', 'hate my',
  ],
  // Images and videos (4.6(c)).
  image: [
    'photo', 'photos', 'pic', 'pics', 'picture', 'pictures', 'image', 'images', 'video', 'videos', 'vid', 'vids',
    'selfie', 'footage', 'clip', 'reel', 'reels', 'film', 'filming', 'screenshot', 'headshot',
  ],
  // Personal or confidential information (4.6(c), 4.19(a)).
  privateinfo: [
    'divorce', 'pregnant', 'pregnancy', 'illness', 'sick leave', 'medical leave', 'home situation',
    'family situation', 'mental health', 'going through', 'behaviour plan', 'behavior plan', 'safety plan',
    'details about', 'details of', 'personal information', 'personal info', 'confidential', 'private information',
    'private info', 'home address', 'phone number', 'iep', 'medical', 'diagnosis', 'health', 'custody', 'report card',
    'full name', 'last name', 'first name', 'first names', 'last names', 'full names', 'identify', 'identifiable',
    'dox', 'doxx', 'tag', 'tagging', 'tagged', 'without consent', 'consent',
  ],
  // Copyright in content and software (4.6(d)).
  copyright: [
    'copyright', 'copyrighted', 'pirated', 'pirate', 'piracy', 'cracked', 'torrent', 'fair dealing', 'licence',
    'license', 'licensed', 'royalty', 'song', 'songs', 'music', 'soundtrack', 'textbook', 'scan', 'scanned',
    'someone else', 'plagiarize', 'plagiarism', 'credit', 'meme', 'stock photo', 'trademark', 'software',
    'proprietary',
  ],
  // Hatred against an individual or identifiable group (4.6(c)).
  hate: [
    'hate', 'hateful', 'hatred', 'hate based', 'racist', 'racism', 'sexist', 'homophobic', 'transphobic', 'slur',
    'bigot', 'bigoted', 'discriminatory', 'discrimination', 'discriminate', 'ethnic', 'religion', 'religious',
    'offensive', 'identifiable group',
  ],
  // Harassment (4.6(c), 4.19(a)).
  harass: [
    'harass', 'harassing', 'harassment', 'bully', 'bullying', 'cyberbully', 'troll', 'trolling', 'stalk', 'threaten',
    'intimidate',
  ],
  // Political content, which school accounts must avoid (4.10(c)).
  political: [
    'strike', 'take sides', 'take a side', 'which side', 'side with', 'political', 'politics', 'apolitical',
    'election', 'elections', 'candidate', 'party', 'vote', 'voting', 'campaign', 'mpp', 'mp', 'premier',
    'prime minister', 'partisan', 'politician', 'rally', 'petition', 'ndp', 'liberal', 'conservative', 'ford',
    'trudeau', 'government', 'protest',
  ],
  // Deleting messages (4.18).
  remove: [
    'delete', 'deleting', 'deleted', 'remove', 'removing', 'removed', 'hide', 'take down', 'takedown', 'erase',
    'block',
  ],
  // Inappropriate messages (4.18, Appendix A).
  inappropriate: [
    'inappropriate', 'nasty', 'rude', 'offensive', 'abusive', 'spam', 'vulgar', 'swear', 'swearing', 'profanity',
    'unacceptable', 'unsuitable', 'violent', 'obscene', 'troll comment', 'hateful comment', 'mean comment',
  ],
  // Discipline (4.19).
  discipline: [
    'discipline', 'disciplined', 'disciplinary', '=fired', '=get fired', 'terminated', 'termination', 'suspended',
    'suspension', 'lose my job', 'lose your job', 'in trouble', 'get in trouble', 'consequence', 'consequences',
    'punished', 'punishment', 'penalty', 'reprimand', 'sanction',
  ],
  // Monitoring of public use (4.3).
  monitor: [
    'monitor', 'monitoring', 'monitored', 'spy', 'spying', 'snoop', 'keep tabs', 'look at my', 'watch what',
    'watching', 'check my',
  ],
  // Not sure whether to post: ask the principal or Communications (4.4).
  unsure: [
    'sensitive', 'controversial', 'touchy', 'unsure', 'not sure', 'who do i ask', 'who can i ask', 'who should i ask',
    'who to ask', 'check with', 'who do i contact', 'who should i contact', 'get advice', 'second opinion',
    'grey area', 'gray area', 'appropriate to post', 'borderline',
  ],
  // The 4.5 disclaimer.
  disclaimer: [
    'state on', 'need to state', 'clearly state', 'statement that', 'opinions mine', 'views mine', 'all opinions',
    'my opinions', 'personal views', 'my personal views', 'disclaimer', 'views are my own', 'opinions are my own',
    'my own views', 'my own opinions', 'not representing', 'do not represent', 'does not represent',
    'not endorsement', 'not endorsements', 'my views', 'opinions my own',
  ],
  // Permission and approval (4.10, 4.12, 4.13).
  permission: [
    'permission', 'approve', 'approves', 'approval', 'approved by', 'sign off', 'signoff', 'green light', 'authorize',
    'authorise', 'authorization', 'written permission', 'okayed', 'allow me',
  ],
  // Accounts, pages and profiles.
  account: [
    'account', 'accounts', 'page', 'pages', 'profile', 'profiles', 'handle', 'channel', 'feed',
  ],
  // School courses and clubs (4.7, 4.10).
  club: [
    'club', 'clubs', 'team', 'teams', 'student council', 'council', 'band', 'choir', 'robotics', 'athletics',
    'course', 'class account', 'class page', 'class instagram', 'class twitter', 'class tiktok', 'extracurricular',
    'co curricular', 'program',
  ],
  // Email addresses (4.11).
  email: [
    'email', 'emails', 'e mail', 'gmail', 'hotmail', 'outlook', 'yahoo', 'email address', 'inbox address',
  ],
  // Personal accounts and personal time (4.1, 4.2).
  personal: [
    'my story', 'on my story', 'my own story', 'close friends', 'personal', 'private', 'my own', 'own account',
    'alt account', 'finsta', 'home', 'off duty', 'weekend', 'weekends', 'after hours', 'off the clock',
  ],
  // School-related announcements (4.16).
  announce: [
    'schedule', 'schedules', 'calendar', 'dates', 'announcement', 'announcements', 'announce', 'reminder',
    'reminders', 'remind', 'update', 'updates', 'heads up', 'shout out', 'shoutout', 'notice', 'promote', 'advertise',
    'celebrate',
  ],
  // District-approved platforms (4.9(a), 4.15).
  approved: [
    'approved', 'district approved', 'board approved', 'sanctioned', 'authorized', 'authorised', 'allowed list',
    'whitelist', 'vetted',
  ],
  // Platforms the District has not approved (4.9(a)).
  unapproved: [
    'non board approved', 'non district approved', 'not board approved', 'unsanctioned', 'is not approved',
    'not been approved', 'has not approved', 'have not approved', 'unapproved', 'not approved', 'non approved',
    'not on the list', 'not district approved', 'never approved', 'not sanctioned', 'unauthorized', 'unauthorised',
    'not authorized',
  ],
  // Access restricted on the district network (3.1, 4.8).
  blocked: [
    'blocked', 'restricted', 'restrict', 'restricting', 'firewall', 'can not access', 'can not open', 'can not load',
    'wifi', 'wi fi', 'network', 'networks', 'filter', 'filtered',
  ],
  // Account security (3.1).
  security: [
    'password changed', 'password was changed', 'lost access', 'can not get in', 'can not log in',
    'got into our account', 'taken over', 'took over', 'hacked', 'hack', 'hacker', 'compromised', 'locked out',
    'security', 'secure', 'two factor', '2fa', 'mfa', 'phishing', 'breach',
  ],
  // Reposting district information (4.14(c)).
  repost: [
    'share the board', 'share the district', 'share ocdsb', 'board posts', 'district posts', 'ocdsb posts', 'repost',
    'reposting', 'reshare', 'resharing', 'retweet', 'retweeting', 'boost', 'amplify', 'share district', 'share board',
    'cross post',
  ],
  // Periodic cleanup (4.14(a)).
  cleanup: [
    'cleanup', 'clean up', 'cleaning', 'tidy', 'old posts', 'outdated', 'archive', 'purge', 'stale', 'maintenance',
    'periodic',
  ],
  // Overactive or inactive accounts (4.14(b)).
  frequency: [
    'how active', 'activity level', 'post regularly', 'regularly', 'how often', 'overactive', 'inactive', 'too much',
    'too many posts', 'dormant', 'every day', 'daily', 'frequency', 'post often', 'quiet', 'abandoned',
  ],
  // An advisor or administrator leaving the school (4.10(b)).
  leaving: [
    'another school', 'other school', 'different school', 'went on to', 'moved to', 'moving to', 'left the school',
    'left our school', 'has left', 'leaving', 'leave the school', 'leaves the school', 'transfer', 'transferred',
    'transferring', 'retire', 'retiring', 'retired', 'moving schools', 'new school', 'departing', 'quit',
    'replacement', 'new advisor', 'take over', 'taking over', 'hand over', 'handover',
  ],
  // Own names in academic groups (4.9(b)).
  alias: [
    'pseudonym', 'alias', 'fake name', 'nickname', 'anonymous', 'anonymously', 'anon', 'real name', 'own name',
    'own names', 'burner', 'username', 'pen name', 'made up name', 'under a different name',
  ],
  // MFIPPA and access requests (4.9(c)).
  foi: [
    'request copies', 'request a copy', 'copies of what', 'records request', 'ask for records', 'mfippa', 'foi',
    'fippa', 'freedom of information', 'access request', 'access to information', 'privacy act', 'public record',
    'atip', 'foia',
  ],
  // Questions about what a term means (Appendix A).
  define: [
    'define', 'defined', 'definition', 'definitions', 'meaning', 'means', 'what counts', 'who counts', 'considered',
    'what is meant', 'refer to', 'refers to',
  ],
  // Other employees.
  colleague: [
    'colleague', 'colleagues', 'coworker', 'coworkers', 'co worker', 'fellow teacher', 'another teacher',
    'other teacher', 'other teachers', 'staff member', 'staff members', 'employee', 'employees', 'teammate',
  ],
  // Managing or being responsible for something (section 3).
  manage: [
    '=accountable', 'manage', 'manages', 'managing', 'management', 'oversee', 'oversees', 'overseeing', 'in charge',
    'responsible', 'responsibility', 'responsibilities', 'handle', 'handles', 'handling', 'look after', 'looks after',
    'run', 'runs', 'running', 'administer',
  ],
  // Creating an account (4.10(a), 4.11).
  create: [
    'create', 'creating', 'created', 'make', 'making', 'start', 'starting', 'set up', 'setup', 'open', 'launch',
    'register', 'registered', 'sign up', 'signed up', 'new account', 'establish',
  ],
  // Complying with rules. "Follow the guidelines" is compliance, not a follow request.
  comply: [
    'follow the rules', 'follow the guidelines', 'follow the procedure', 'follow the policy', 'follow both',
    'follow these rules', 'follow their guidelines', 'follow its guidelines', 'follow them both',
    'follow the college', 'follow my college', 'comply', 'complying', 'compliance', 'adhere', 'abide', 'bound by',
  ],
  // How a question is asked: "can I..." wants a yes or no...
  askpermission: [
    'can i', 'can we', 'may i', 'am i allowed', 'are we allowed', 'is it ok', 'is it okay', 'is it alright',
    'is it fine', 'allowed to', 'permitted', '=acceptable', 'appropriate to', 'ok to', 'okay to', 'can staff',
    'can teachers', 'is that ok', 'is that allowed', 'yes or no',
  ],
  // ...while "which/how/who..." wants facts.
  askfacts: [
    'which', 'what should i use', 'what do i use', 'how do i', 'how should', 'right way', 'proper way', 'best way',
    'right channel', 'proper channel', 'who', 'where', 'what are', 'what is', 'what does',
  ],
  // Posting and sharing online at all.
  online: [
    'glassdoor', 'rate my teachers', 'ratemyteachers', 'digital citizenship', 'digital citizen', 'digital footprint',
    'cyber', 'post', 'posts', 'posting', 'posted', 'repost', 'online', 'internet', 'web', 'website', 'websites',
    'share', 'sharing', 'shared', 'upload', 'uploading', 'publish', 'comment', 'comments', 'commenting', 'story',
    'stories', 'bio', 'caption', 'hashtag', 'viral', 'livestream', 'live stream', 'go live', 'profile picture', 'pfp',
    'feed', 'likes',
  ],
  // The procedure itself.
  procedure: [
    'this procedure', 'social media procedure', 'pr 708', 'pr 708 it', '708', 'clause', 'appendix', 'ocdsb',
    'trustee', 'trustees',
  ],
  // "Who does X" questions, which the roles in section 3 answer.
  role: [
    'which department', 'what department', 'which team', 'which group', 'who is in charge', 'who is responsible',
    'whose job', 'whose responsibility', 'who handles', 'who manages', 'who runs', 'who looks after', 'who oversees',
    'responsible for', 'in charge of', 'who decides', 'who controls',
  ],
  // Staff say "admin" for their school's administration too; the longer phrase wins over
  // "admin" as an account administrator.
  schooladmin: [
    'school admin', 'our admin', 'my admin', 'admin team', 'how admin', 'admin handled', 'admin decided',
    'admin made', 'the admin at', 'administration', 'vice principal', 'principal', 'vp', 'management',
  ],
};

/** English and French staff words together (see vocabularyFr.ts). */
export const STAFF_VOCABULARY: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...new Set([...Object.keys(ENGLISH_VOCABULARY), ...Object.keys(FRENCH_VOCABULARY)])].map((concept) => [
    concept,
    [...(ENGLISH_VOCABULARY[concept] ?? []), ...(FRENCH_VOCABULARY[concept] ?? [])],
  ]),
);

/**
 * Concepts that by themselves put a question in the procedure's territory. The rest
 * (students, families, colleagues, making, managing, schedules...) are everyday school
 * words: a question made only of them ("what time does the school day start?") is
 * probably about something else, however well its words happen to match.
 */
export const TOPICAL_CONCEPTS: ReadonlySet<string> = new Set([
  'platform', 'twoway', 'invite', 'logo', 'behalf', 'administrator', 'secondadmin', 'soleadmin', 'image',
  'privateinfo', 'copyright', 'hate', 'harass', 'political', 'remove', 'inappropriate', 'monitor', 'disclaimer',
  'account', 'approved', 'unapproved', 'repost', 'alias', 'foi', 'online', 'procedure', 'define',
]);
