import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardActions, cardText, inputValue } from '../support/cardCheck';
import type { TestUser } from '../support/people';
import { clauseFullText, loadProcedure } from '../../src/policy/procedure';

const francophone: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000ff01', name: 'Claudette Enseignante' };
const procedure = loadProcedure();
/** The Teams client of a French-speaking teacher. */
const FR_CA = { locale: 'fr-CA' };

/**
 * French in Teams over HTTP: a question or draft in French, or from someone whose Teams client is
 * in French (when the text does not settle it), is answered in French; the procedure is quoted
 * in English, its only language, with a French explanation beside it.
 */
describe.each(testDatabases())('answers in French in Teams ($name)', (database) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh() });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });
  beforeEach(() => bot.connector.clear());

  const lastCard = () => bot.connector.waitFor(() => bot.connector.cardsIn(A.personalConversationId(francophone)).at(-1));

  it('answers a French question in French and quotes the clause in English, and a redrawn card stays French', async () => {
    const question = 'Un élève m’a envoyé une friend request sur Instagram, est-ce que je peux accepter?';
    await bot.post(A.message(francophone, bot.connector.url, question));
    const card = await lastCard();
    const text = cardText(card);
    expect(text).toContain('⛔ Non permis');
    expect(text).toContain(`Votre question : ${question}`);
    expect(text).toMatch(/Non\. Le personnel ne doit pas accepter d'invitations d'amitié/);
    expect(text).toContain(clauseFullText(procedure, '4.7'));
    expect(text).toMatch(/Ne pas accepter d’invitations d’amitié ou d’abonnement d’élèves/);
    expect(text).not.toMatch(/Not allowed|You asked/);
    const titles = cardActions(card).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['👍 Utile', '👎 Pas utile', 'Demander aux Communications']));

    // "Helpful" redraws the card from the stored question, in the language it was asked in.
    const helpful = cardActions(card).find((a) => a.title === '👍 Utile')!;
    const res = await bot.post(A.execute(francophone, bot.connector.url, helpful.verb!, helpful.data));
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).toContain('Merci! Content que cela vous ait aidé.');
    expect(cardText(res.body.value)).toContain('⛔ Non permis');

    // "Ask Communications" too: the line about Communications is in French.
    const ask = cardActions(res.body.value).find((a) => a.verb === 'question.askCommunications')!;
    const sent = await bot.post(A.execute(francophone, bot.connector.url, ask.verb!, ask.data));
    expect(cardText(sent.body.value)).toMatch(/Transmise aux Communications le /);
  });

  it('answers in French when a fr-CA user’s English question does not settle the language', async () => {
    const question = 'TikTok logo ok?';
    await bot.post(A.message(francophone, bot.connector.url, question, FR_CA));
    const card = await lastCard();
    const text = cardText(card);
    expect(text).toContain('✋ Permission écrite requise d’abord');
    expect(text).toContain(clauseFullText(procedure, '4.13'));
    expect(text).toMatch(/Seulement avec une permission préalable/);
    expect(cardActions(card).map((a) => a.title)).toEqual(expect.arrayContaining(['Demander l’utilisation du logo', 'Vérifier une ébauche de publication']));
  });

  it('answers a clearly English question in English, even from a fr-CA user', async () => {
    await bot.post(A.message(francophone, bot.connector.url, 'can I accept a friend request from a student?', FR_CA));
    const text = cardText(await lastCard());
    expect(text).toContain('⛔ Not allowed');
    expect(text).not.toContain('Non permis');
  });

  it('checks a French draft in French: verdict, finding, fix and buttons, with the clause quoted in English', async () => {
    const draft = 'Les élèves, ajoutez-moi sur Snapchat pour les devoirs! Écrivez-moi en DM.';
    await bot.post(A.message(francophone, bot.connector.url, `check ${draft}`));
    const card = await lastCard();
    const text = cardText(card);
    expect(text).toContain('Puis-je publier ceci?');
    expect(text).toContain('⛔ Non permis tel quel');
    expect(text).toContain('Contact privé avec des élèves (article 4.17)');
    expect(text).toContain('Comment corriger :');
    expect(text).toContain(clauseFullText(procedure, '4.17'));
    expect(text).not.toMatch(/How to fix it|Not allowed/);
    expect(inputValue(card, 'draft')).toBe(draft);
    const titles = cardActions(card).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Vérifier de nouveau', 'Demander aux Communications']));

    // "Check again" on the French card keeps French, and an empty draft is told so in French.
    const again = cardActions(card).find((a) => a.verb === 'check.run')!;
    const res = await bot.post(A.execute(francophone, bot.connector.url, 'check.run', { ...again.data, draft: '', account: 'personal' }));
    expect(cardText(res.body.value)).toContain('Collez la publication que vous voulez vérifier.');
  });

  it('opens the check form in French from the message extension for a fr-CA user', async () => {
    const fetch = await bot.post({
      ...A.invoke(francophone, bot.connector.url, 'composeExtension/fetchTask', { commandId: 'checkPost', commandContext: 'message', messagePayload: { body: { contentType: 'text', content: '' } } }),
      ...FR_CA,
    });
    const form = fetch.body.task.value.card.content;
    expect(cardText(form)).toContain('Puis-je publier ceci?');
    expect(cardText(form)).toContain('Mon compte personnel');
    expect(cardActions(form).find((a) => a.data?.verb === 'check.run')?.title).toBe('Vérifier');
  });
});
