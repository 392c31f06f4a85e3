import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardActions, cardText } from '../support/cardCheck';
import { TabSignIn } from '../support/tabSignIn';
import { openStore } from '../../src/store/db';
import { fromRoot } from '../../src/paths';
import { SAMPLE_DIRECTORY_PATH, loadSampleDirectory } from '../../src/directory';
import { CRISIS_NOTICE } from '../../src/oversight/crisisNotice';
import { samplePerson } from '../support/people';

/**
 * Oversight end to end, on the real app and both databases: the audit of
 * every request's hash chain through the compiled CLI (and a tampered event
 * caught), crisis mode changing what staff are told, misuse reports reaching
 * Communications' channel, and principals warned about school accounts.
 */
const dir = loadSampleDirectory();
const person = samplePerson;
const priya = person('priya.nair');
const sofia = person('sofia.haddad');
const marcus = person('marcus.leclerc');
const emily = person('emily.sanderson');
const amara = person('amara.okafor');
const claire = person('claire.donovan');
type Who = { aadId: string; name: string };

const cli = fromRoot('dist', 'src', 'cli.js');
function audit(databaseUrl: string): { status: number | null; out: string } {
  const res = spawnSync(process.execPath, [cli, 'audit', 'verify'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

const LOGO = { logo: 'school', where: 'Concert poster', purpose: 'Spring concert', startDate: '2026-04-01' };
const ACCOUNT = {
  unitId: 'maple-grove',
  platform: 'instagram',
  accountName: '@maplegrove_library',
  purpose: 'Library news',
  advisorId: sofia.aadId,
  administratorIds: `${sofia.aadId},${marcus.aadId}`,
  createdWithGenericEmail: 'true',
};

describe.each(testDatabases())('oversight end to end ($name)', (database) => {
  let bot: TestBot;
  let keys: TabSignIn;
  let directoryFile: string;
  let tmp: string;
  const clock = { t: Date.now() };

  async function submit(who: Who, kind: string, values: Record<string, unknown>) {
    const outcome = await bot.app.services.requests.submit({ id: who.aadId, name: who.name }, kind as never, values, { submissionKey: `k-${Math.random()}` });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    return outcome.request;
  }

  async function say(who: Who, text: string) {
    const before = bot.connector.sentTo(A.personalConversationId(who)).length;
    await bot.post(A.message(who, bot.connector.url, text));
    return (await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(who))[before], 10_000, `a reply to "${text}"`)).activity;
  }

  async function tab(who: Who, method: string, p: string, body?: unknown) {
    const res = await fetch(`${bot.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${keys.token(who, { now: new Date(clock.t) })}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  beforeAll(async () => {
    keys = new TabSignIn();
    await keys.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-oversight-'));
    directoryFile = path.join(tmp, 'directory.yaml');
    fs.copyFileSync(SAMPLE_DIRECTORY_PATH, directoryFile);
    bot = await startTestBot({ databaseUrl: database.fresh(), env: { ...keys.env(), DIRECTORY_FILE: directoryFile, ACCOUNT_INACTIVITY_DAYS: '60', ACCOUNT_CHECK_MINUTES: '600' }, now: () => new Date(clock.t) });
  });

  afterAll(async () => {
    await bot?.close();
    await keys?.stop();
    await database.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('audit verify', () => {
    it('passes intact histories, then names the first broken link after an event is edited in the database', async () => {
      const first = await submit(priya, 'logo-use', { ...LOGO, unitId: 'maple-grove' });
      const second = await submit(emily, 'logo-use', { ...LOGO, unitId: 'riverside' });
      const decided = await bot.app.services.requests.act(person('gregory.whitfield').aadId, second.id, 'decline', { seenVersion: second.version, comment: 'Not this term' });
      expect(decided.ok).toBe(true);
      void first;

      const clean = audit(bot.databaseUrl);
      expect(clean.out).toMatch(/^OK: \d+ request histories \(\d+ events\) verified/m);
      expect(clean.status).toBe(0);

      // Someone with database access rewrites the decline's reason. The table refuses
      // updates, so they first remove that guard, as an attacker with those rights could.
      const store = await openStore(bot.databaseUrl);
      try {
        if (store.dialect === 'postgres') await sql`alter table request_events disable trigger request_events_no_change`.execute(store.db);
        else await sql`drop trigger request_events_no_update`.execute(store.db);
        await store.db.updateTable('request_events').set({ comment: 'Approved after all' }).where('request_id', '=', second.id).where('seq', '=', 2).execute();
        if (store.dialect === 'postgres') await sql`alter table request_events enable trigger request_events_no_change`.execute(store.db);
      } finally {
        await store.close();
      }
      const broken = audit(bot.databaseUrl);
      expect(broken.status).toBe(1);
      expect(broken.out).toContain(`BROKEN: the first broken link is ${second.number}, event 2 (decline,`);
      expect(broken.out).toMatch(/hash does not match its contents/);
      expect(broken.out).not.toContain(`${first.number},`);
    });
  });

  describe('crisis mode (3.2)', () => {
    const line = 'Hold and secure at Riverside Secondary this morning; updates come from the district only.';

    it('is refused to anyone outside Communications', async () => {
      const reply = await say(priya, 'crisis on Everyone stay inside');
      expect(reply.text).toMatch(/Only a member of Communications/);
      expect((await tab(priya, 'GET', '/api/tab/crisis')).body.on).toBe(false);
    });

    it('turned on by Communications in chat, it changes what staff are told, and the tab turns it off', async () => {
      const on = await say(claire, `crisis on ${line}`);
      expect(cardText(on.attachments[0].content)).toContain('Crisis mode is on');

      // A question about the event: the notice comes first, above the answer.
      const about = await say(emily, 'can I post on instagram that riverside students are ok?');
      const first = about.attachments[0].content.body[0];
      expect(cardText(first)).toContain(CRISIS_NOTICE);
      expect(cardText(first)).toContain(line);
      // A question about something else is answered as usual.
      const other = await say(emily, 'can I use the school logo on our team instagram?');
      expect(cardText(other.attachments[0].content)).not.toContain(CRISIS_NOTICE);

      // A draft about the event: the notice tops the check card too.
      const draft = await say(priya, 'check Our hold and secure is over, everyone at Riverside is safe!');
      expect(cardText(draft.attachments[0].content.body[0])).toContain(CRISIS_NOTICE);
      const plain = await say(priya, 'check Our book fair starts Monday in the library.');
      expect(cardText(plain.attachments[0].content)).not.toContain(CRISIS_NOTICE);

      // The welcome card says so.
      const welcome = await say(priya, 'help');
      expect(cardText(welcome.attachments[0].content)).toContain('Crisis communication in progress');
      expect(cardText(welcome.attachments[0].content)).toContain(line);

      // The request routing can ask.
      expect(bot.app.services.oversight.crisisActive()).toBe(true);
      expect((await tab(priya, 'GET', '/api/tab/me')).body.crisis).toMatchObject({ on: true, publicLine: line, by: 'Claire Donovan' });

      // Turned off from the tab; recorded with who and when, both times.
      expect((await tab(priya, 'POST', '/api/tab/crisis', { on: false })).status).toBe(403);
      const off = await tab(claire, 'POST', '/api/tab/crisis', { on: false });
      expect(off.status).toBe(200);
      expect(off.body.on).toBe(false);
      const after = await say(emily, 'can I post on instagram that riverside students are ok?');
      expect(cardText(after.attachments[0].content)).not.toContain(CRISIS_NOTICE);
      expect(cardText((await say(priya, 'help')).attachments[0].content)).not.toContain('Crisis communication in progress');
      const history = (await tab(claire, 'GET', '/api/tab/crisis')).body.history;
      expect(history.map((h: any) => [h.action, h.by])).toEqual([
        ['off', 'Claire Donovan'],
        ['on', 'Claire Donovan'],
      ]);
      expect(history[1].publicLine).toBe(line);
      // What Communications typed is stored, never logged.
      expect(JSON.stringify(bot.logs)).not.toContain('Hold and secure at Riverside');
    });

    it('can be turned on from the tab with the words that identify the event', async () => {
      const on = await tab(claire, 'POST', '/api/tab/crisis', { on: true, publicLine: 'Gas leak near Cedar Hills; students moved to the community centre.', keywords: 'cedar hills, gas leak' });
      expect(on.status).toBe(200);
      expect(on.body.keywords).toEqual(['cedar hills', 'gas leak']);
      const about = await say(priya, 'what can I say about cedar hills today?');
      expect(cardText(about.attachments[0].content.body[0])).toContain(CRISIS_NOTICE);
      expect((await tab(claire, 'POST', '/api/tab/crisis', { on: false })).status).toBe(200);
    });
  });

  describe('misuse reports (4.18) and the account registry (4.10, 4.14)', () => {
    let accountId: string;

    beforeAll(async () => {
      const account = await submit(priya, 'school-account', ACCOUNT);
      const approved = await bot.app.services.requests.act(amara.aadId, account.id, 'approve', { seenVersion: account.version });
      expect(approved.ok).toBe(true);
      accountId = account.id;
    });

    it('an administrator reports a deleted message from a card; Communications is told in its channel', async () => {
      const form = await say(sofia, 'report misuse');
      const card = form.attachments[0].content;
      expect(cardText(card)).toContain('Report a deleted inappropriate message');
      const accountChoice = card.body.find((b: any) => b.id === 'accountId');
      expect(accountChoice.choices.map((c: any) => c.title)).toEqual(['@maplegrove_library (Instagram, Maple Grove Public School)', 'Another account (name it below)']);
      const submitVerb = cardActions(card).find((a) => a.title === 'Send to Communications')!.verb!;

      const bad = await bot.post(A.execute(sofia, bot.connector.url, submitVerb, { accountId, what: 'A slur aimed at a student', why: '', screenshotUrl: 'http://not-secure.example/x.png' }));
      const badText = cardText(bad.body.value);
      expect(badText).toContain('Say why it was inappropriate.');
      expect(badText).toContain('must start with https://');
      expect(bad.body.value.body.find((b: any) => b.id === 'what').value).toBe('A slur aimed at a student');

      const channelPosts = bot.connector.conversations.length;
      const ok = await bot.post(
        A.execute(sofia, bot.connector.url, submitVerb, {
          accountId,
          what: 'A comment with a student’s home address, “42 Elm St”',
          why: 'Personal information about a student (4.6(c))',
          screenshotUrl: 'https://district.sharepoint.example/evidence/shot-1.png',
        }),
      );
      expect(cardText(ok.body.value)).toContain('Reported to Communications');
      expect(cardText(ok.body.value)).toContain('Communications has been told in its channel');
      const post = await bot.connector.waitFor(() => bot.connector.conversations.slice(channelPosts).find((c) => c.params.channelData?.channel?.id === dir.communications().channel!.channelId));
      const notice = post.params.activity.attachments[0].content;
      expect(cardText(notice)).toContain('Inappropriate message deleted (PR.708.IT 4.18)');
      expect(cardText(notice)).toContain('Sofia Haddad');
      expect(cardText(notice)).toContain('42 Elm St');
      expect(cardActions(notice).find((a) => a.type === 'Action.OpenUrl')).toBeTruthy();
      expect(JSON.stringify(bot.logs)).not.toContain('42 Elm St');

      // Listed in the tab for Communications and the school's principal, not for staff.
      const forClaire = await tab(claire, 'GET', '/api/tab/misuse-reports');
      expect(forClaire.body.items).toHaveLength(1);
      expect(forClaire.body.items[0]).toMatchObject({ account: '@maplegrove_library (Instagram)', reporter: 'Sofia Haddad', school: 'Maple Grove Public School', screenshotUrl: 'https://district.sharepoint.example/evidence/shot-1.png' });
      expect(forClaire.body.items[0].notified).toMatch(/^Told Communications/);
      expect((await tab(amara, 'GET', '/api/tab/misuse-reports')).body.items).toHaveLength(1);
      expect((await tab(person('gregory.whitfield'), 'GET', '/api/tab/misuse-reports')).body.items).toHaveLength(0);
      expect((await tab(priya, 'GET', '/api/tab/misuse-reports')).status).toBe(403);
    });

    it('keeps a report Communications could not be told about, and tells them on a later try', async () => {
      const channelPosts = () => bot.connector.conversations.filter((c) => c.params.channelData?.channel?.id === dir.communications().channel!.channelId).length;
      const before = channelPosts();
      // Request cards from earlier tests are delivered in the background: let the
      // outbox drain first, so the failure below meets the misuse post, not one of them.
      const deadline = Date.now() + 10_000;
      while ((await bot.app.services.outbox.list({ state: 'pending' })).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      bot.connector.failNext({ status: 500 });
      const res = await bot.post(
        A.execute(marcus, bot.connector.url, 'misuse.submit', { accountId: 'other', accountName: '@mg_robotics on TikTok', what: 'Spam links', why: 'Not school business', screenshotUrl: 'https://district.sharepoint.example/evidence/shot-2.png' }),
      );
      expect(cardText(res.body.value)).toContain('the bot will keep trying');
      const pending = (await tab(claire, 'GET', '/api/tab/misuse-reports')).body.items.find((r: any) => r.account === '@mg_robotics on TikTok');
      expect(pending.notified).toMatch(/^Not yet delivered to Communications \(1 attempt\)/);
      expect(channelPosts()).toBe(before);
      expect(await bot.app.services.oversight.misuse.retryNotifications()).toBe(1);
      expect(channelPosts()).toBe(before + 1);
      const delivered = (await tab(claire, 'GET', '/api/tab/misuse-reports')).body.items.find((r: any) => r.account === '@mg_robotics on TikTok');
      expect(delivered.notified).toMatch(/^Told Communications/);
      expect(await bot.app.services.oversight.misuse.retryNotifications()).toBe(0);
    });

    it('refuses a report on a registered account from someone who does not administer it', async () => {
      const res = await bot.post(A.execute(priya, bot.connector.url, 'misuse.submit', { accountId, what: 'x', why: 'y', screenshotUrl: 'https://x.example/s.png' }));
      expect(cardText(res.body.value)).toMatch(/You are not an administrator of that account/);
      // The refusal tells nothing of the account it names by id.
      expect(JSON.stringify(res.body)).not.toContain('@maplegrove_library');
    });

    it('warns the principal once when the advisor leaves and the account falls under two administrators', async () => {
      const accounts = bot.app.services.oversight.accounts;
      expect(await accounts.warnPrincipals()).toEqual({ warned: 0, failed: 0 });
      expect((await tab(amara, 'GET', '/api/tab/accounts')).body.items[0]).toMatchObject({ accountName: '@maplegrove_library', problems: [], advisor: { name: 'Sofia Haddad', present: true } });

      // Sofia leaves the district: she is taken out of the directory file.
      fs.writeFileSync(directoryFile, fs.readFileSync(directoryFile, 'utf8').split('\n').filter((l) => !l.includes(sofia.aadId)).join('\n'));
      await bot.restart();
      const messagesBefore = bot.connector.activities.length;
      expect(await bot.app.services.oversight.accounts.warnPrincipals()).toEqual({ warned: 2, failed: 0 });
      const sent = bot.connector.activities.slice(messagesBefore).map((a) => a.activity.text as string);
      expect(sent.some((t) => /lost its staff advisor/.test(t) && /4\.10/.test(t))).toBe(true);
      expect(sent.some((t) => /only 1 staff administrator left/.test(t))).toBe(true);
      const principalChat = bot.connector.conversations.find((c) => c.params.members?.[0]?.id === amara.aadId);
      expect(principalChat).toBeTruthy();
      // The same situation is not reported twice.
      expect(await bot.app.services.oversight.accounts.warnPrincipals()).toEqual({ warned: 0, failed: 0 });
      const view = (await tab(amara, 'GET', '/api/tab/accounts')).body.items[0];
      expect(view.problems.map((p: any) => p.kind)).toEqual(['advisor-left', 'too-few-administrators']);
      expect(view.advisor).toMatchObject({ present: false });
    });

    it('warns of an inactive account after the configured period, counting recorded activity', async () => {
      clock.t += 59 * 86_400_000;
      expect((await tab(marcus, 'POST', `/api/tab/accounts/${accountId}/activity`, { kind: 'cleanup' })).status).toBe(200);
      clock.t += 59 * 86_400_000;
      expect(await bot.app.services.oversight.accounts.warnPrincipals()).toEqual({ warned: 0, failed: 0 });
      clock.t += 2 * 86_400_000;
      const before = bot.connector.activities.length;
      expect(await bot.app.services.oversight.accounts.warnPrincipals()).toEqual({ warned: 1, failed: 0 });
      expect(bot.connector.activities.slice(before).map((a) => a.activity.text).join('\n')).toMatch(/no recorded activity for 61 days \(the district's limit is 60\).*4\.14/);
    });
  });
});
