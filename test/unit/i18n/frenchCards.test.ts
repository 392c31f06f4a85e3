import { createAnswerer } from '../../../src/policy/answer';
import { loadKnowledge } from '../../../src/policy/knowledge';
import { clauseFullText, loadProcedure } from '../../../src/policy/procedure';
import { checkDraft } from '../../../src/policy/check';
import { renderCard } from '../../../src/cardTemplates';
import { answerCardData } from '../../../src/questions/answerCard';
import { checkCardData, emptyCheckValues, parseCheckSubmission } from '../../../src/checks/checkCard';
import { frenchAnswers } from '../../../src/i18n/answers';
import { chooseLanguage } from '../../../src/i18n/language';
import { formatAnswer, formatCheck } from '../../../src/cli';
import { cardActions, cardProblems, cardText } from '../../support/cardCheck';

const procedure = loadProcedure();
const knowledge = loadKnowledge(procedure);
const answerer = createAnswerer(procedure, knowledge);
const french = frenchAnswers(knowledge);

describe('a French answer, in process', () => {
  const question = 'Un élève m’a envoyé une friend request sur Instagram, est-ce que je peux accepter?';

  it('gives the verdict, answer and buttons in French and quotes the clause in English with a French explanation', () => {
    const answer = answerer.answer(question);
    const lang = chooseLanguage(question);
    expect(lang).toBe('fr');
    const card = renderCard('answer', answerCardData(procedure, answer, { questionId: 'q1', question, helpful: null, communications: null }, { lang, french }));
    expect(cardProblems(card, [question])).toEqual([]);
    const text = cardText(card);
    expect(answer.verdict).toBe('not-allowed');
    expect(text).toContain('⛔ Non permis');
    expect(text).toContain('Votre question : ' + question);
    expect(text).toContain(french.get(answer.matched!)!);
    expect(text).not.toContain(answer.answer);
    // The procedure's own words, in English, with a French explanation beside them.
    expect(text).toContain(clauseFullText(procedure, '4.7'));
    expect(text).toMatch(/Ne pas accepter d’invitations d’amitié ou d’abonnement d’élèves/);
    expect(cardActions(card).map((a) => a.title)).toEqual(expect.arrayContaining(['👍 Utile', '👎 Pas utile', 'Demander aux Communications']));
    // The card remembers its language, so a redrawn card stays French.
    expect(cardActions(card).find((a) => a.verb === 'question.helpful')?.data.lang).toBe('fr');
  });

  it('says "not sure" in French, with clause 4.4', () => {
    const q = 'Quel est le code vestimentaire pour la fête de Noël du personnel?';
    const answer = answerer.answer(q);
    const card = renderCard('answer', answerCardData(procedure, answer, { questionId: 'q2', question: q, helpful: null, communications: null }, { lang: 'fr', french }));
    const text = cardText(card);
    expect(text).toContain('❓ Je ne suis pas certain');
    expect(text).toContain('4.4');
    expect(text).not.toMatch(/I'm not sure/);
  });

  it('prints French on the command line', () => {
    const out = formatAnswer(answerer.answer(question), { lang: 'fr', procedure, french });
    expect(out).toMatch(/^NON PERMIS/);
    expect(out).toContain(clauseFullText(procedure, '4.7'));
    expect(out).toContain('→ Ne pas accepter');
  });
});

describe('a French check, in process', () => {
  const draft = 'Les élèves, ajoutez-moi sur Snapchat pour les devoirs! Écrivez-moi en DM.';

  it('gives the verdict, findings, fixes and buttons in French', () => {
    const parsed = parseCheckSubmission({ ...emptyCheckValues(), draft }, 'fr');
    if (!parsed.ok) throw new Error('the draft should parse');
    const result = checkDraft(draft, parsed.context);
    expect(result.verdict).toBe('not-allowed');
    const card = renderCard('check', checkCardData(procedure, { mode: 'chat', lang: 'fr', values: parsed.values, result }));
    expect(cardProblems(card, [draft])).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('⛔ Non permis tel quel');
    expect(text).toContain('Contact privé avec des élèves (article 4.17)');
    expect(text).toContain('Comment corriger :');
    expect(text).not.toContain('How to fix it');
    expect(text).toContain('Mon compte personnel');
    expect(text).toContain(clauseFullText(procedure, '4.17'));
    const titles = cardActions(card).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Vérifier de nouveau', 'Demander aux Communications']));
  });

  it('puts the suggested version’s placeholders in French', () => {
    const text = 'Bravo à toute la classe pour le projet de sciences! Pour des questions, écrivez-moi à m.tremblay@example.com ou au 613-291-4477.';
    const result = checkDraft(text, { account: 'personal' });
    expect(result.redacted).toBeTruthy();
    const out = formatCheck(text, result, 'fr');
    expect(out).toContain('[numéro de téléphone retiré]');
    expect(out).toContain('[courriel retiré]');
    expect(out).toContain('Ceci communique une adresse courriel.');
    expect(out).not.toContain('[email removed]');
  });

  it('offers no rewrite that would still name a student (first name, last name and grade)', () => {
    const text = 'Bravo à Emma Tremblay (7e année) pour son projet! Pour des questions, écrivez à emma.tremblay@example.com ou au 613-291-4477.';
    const result = checkDraft(text, { account: 'personal' });
    expect(result.verdict).toBe('not-allowed');
    expect(result.redacted).toBeUndefined();
  });

  it('says what is missing in French', () => {
    const parsed = parseCheckSubmission({ draft: '', account: 'personal' }, 'fr');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.draft).toBe('Collez la publication que vous voulez vérifier.');
  });
});
