import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import { TabSignIn, TAB_AUDIENCE, TAB_ISSUER } from '../support/tabSignIn';
import { parseCsv } from '../../src/oversight/csv';
import { runCli } from '../../src/cli';
import { samplePerson } from '../support/people';

/**
 * The oversight tab's API over HTTP against the real app: sign-in (every
 * kind of bad token is refused with 401), and an authorization matrix of
 * every route against every role, checking not only the status but that each
 * person sees exactly the requests their role allows.
 */
const person = samplePerson;

const priya = person('priya.nair'); // staff, Maple Grove
const sofia = person('sofia.haddad'); // staff, Maple Grove: advisor of the library account
const emily = person('emily.sanderson'); // staff, Riverside
const amara = person('amara.okafor'); // principal, Maple Grove
const daniel = person('daniel.tremblay'); // designate, Maple Grove
const gregory = person('gregory.whitfield'); // principal, Riverside
const helen = person('helen.marchetti'); // superintendent over Maple Grove and Cedar Hills
const claire = person('claire.donovan'); // Communications
const outsider = { aadId: '0a0a0a0a-1111-4222-8333-444444444444', name: 'Not Listed' };

type Who = { aadId: string; name: string };

describe.each(testDatabases())('oversight tab API: sign-in and who sees what ($name)', (database) => {
  let bot: TestBot;
  let keys: TabSignIn;
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  async function call(who: Who | string | null, method: string, path: string, body?: unknown) {
    const token = who === null ? undefined : typeof who === 'string' ? who : keys.token(who);
    const res = await fetch(`${bot.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* CSV or empty */
    }
    return { status: res.status, body: json, text, headers: res.headers };
  }

  async function submit(who: Who, kind: string, values: Record<string, unknown>, key: string) {
    const outcome = await bot.app.services.requests.submit({ id: who.aadId, name: who.name }, kind as never, values, { submissionKey: key });
    if (!outcome.ok) throw new Error(`could not submit ${key}: ${JSON.stringify(outcome)}`);
    ids[key] = outcome.request.id;
    numbers[key] = outcome.request.number;
    return outcome.request;
  }

  beforeAll(async () => {
    keys = new TabSignIn();
    await keys.start();
    bot = await startTestBot({ databaseUrl: database.fresh(), env: keys.env() });
    const logo = { logo: 'school', where: 'Concert poster', purpose: 'Spring concert', startDate: '2026-04-01' };
    await submit(priya, 'logo-use', { ...logo, unitId: 'maple-grove' }, 'priyaLogo');
    await submit(emily, 'logo-use', { ...logo, unitId: 'riverside' }, 'emilyLogo');
    const account = await submit(
      priya,
      'school-account',
      {
        unitId: 'maple-grove',
        platform: 'instagram',
        accountName: '@maplegrove_library',
        purpose: 'Library news',
        advisorId: sofia.aadId,
        administratorIds: `${sofia.aadId},${person('marcus.leclerc').aadId}`,
        createdWithGenericEmail: 'true',
      },
      'account',
    );
    const approved = await bot.app.services.requests.act(amara.aadId, account.id, 'approve', { seenVersion: account.version });
    expect(approved.ok).toBe(true);
    await submit(
      amara,
      'speak-on-behalf',
      {
        onBehalfOf: 'school',
        unitId: 'maple-grove',
        platforms: 'instagram',
        accounts: '@maplegroveps',
        topic: 'Open house',
        purpose: 'Invite families',
        audience: 'Families',
        talkingPoints: 'Date and time',
        startDate: '2026-04-01',
      },
      'amaraSpeak',
    );
    // A notification that fails for good (a written permission with no approval behind it) becomes a dead letter.
    await bot.app.services.requests.store.transaction((tx) =>
      tx.enqueue([{ dedupeKey: `written-permission:${ids.priyaLogo}:dead-letter-test`, kind: 'written-permission', target: { type: 'person', aadId: priya.aadId }, payload: { requestId: ids.priyaLogo! } }], new Date().toISOString()),
    );
    ids.dead = (await waitForDeadLetter()).id;
  });

  async function waitForDeadLetter() {
    for (let i = 0; i < 200; i++) {
      const [dead] = await bot.app.services.outbox.list({ state: 'dead' });
      if (dead) return dead;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no dead letter');
  }

  afterAll(async () => {
    await bot?.close();
    await keys?.stop();
    await database.cleanup();
  });

  const ROUTES: Array<[string, string, unknown?]> = [
    ['GET', '/api/tab/me'],
    ['GET', '/api/tab/requests?view=mine'],
    ['GET', '/api/tab/requests?view=awaiting'],
    ['GET', '/api/tab/requests?view=all'],
    ['GET', '/api/tab/requests/REQUEST'],
    ['POST', '/api/tab/requests/REQUEST/actions', { action: 'approve', version: 1 }],
    ['GET', '/api/tab/charts'],
    ['GET', '/api/tab/export.csv'],
    ['GET', '/api/tab/crisis'],
    ['POST', '/api/tab/crisis', { on: false }],
    ['GET', '/api/tab/misuse-reports'],
    ['GET', '/api/tab/accounts'],
    ['POST', '/api/tab/accounts/ACCOUNT/activity', { kind: 'activity' }],
    ['GET', '/api/tab/dead-letters'],
    ['POST', '/api/tab/dead-letters/DEAD/retry', {}],
  ];
  const at = (path: string) => path.replace('REQUEST', ids.priyaLogo!).replace('ACCOUNT', ids.account!).replace('DEAD', ids.dead!);

  describe('no token, or a bad one, is answered 401 on every route', () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad: Array<[string, () => string | null]> = [
      ['no token', () => null],
      ['not a JWT', () => 'not-a-token'],
      ['expired', () => keys.token(claire, { expiresInSeconds: -600 })],
      ['wrong issuer', () => keys.token(claire, { issuer: 'https://login.microsoftonline.com/another-tenant/v2.0' })],
      ['wrong audience', () => keys.token(claire, { audience: 'api://someone-else' })],
      ['signed with another key', () => keys.token(claire, { key: otherKey })],
      ['an unknown key id', () => keys.token(claire, { kid: 'not-published' })],
      ['no oid', () => keys.token(claire, { oid: null })],
      ['no expiry', () => keys.token(claire, { expiresInSeconds: null })],
      ['no scope', () => keys.token(claire, { scope: null })],
      ['a scope other than access_as_user', () => keys.token(claire, { scope: 'User.Read' })],
      ['a scope that only contains access_as_user in its name', () => keys.token(claire, { scope: 'not_access_as_user' })],
      ['unsigned (alg none)', () => jwt.sign({ oid: claire.aadId, aud: TAB_AUDIENCE, iss: TAB_ISSUER }, '', { algorithm: 'none' }) + 'x'],
      ['HS256 with the public key as secret', () => jwt.sign({ oid: claire.aadId }, 'secret', { algorithm: 'HS256', issuer: TAB_ISSUER, audience: TAB_AUDIENCE, expiresIn: 600 })],
    ];
    it.each(bad)('%s', async (_what, make) => {
      for (const [method, path, body] of ROUTES) {
        const token = make();
        const res = await call(token === null ? null : token, method, at(path), body);
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 401 });
        expect(res.body.error).toBeTruthy();
      }
    });

    it('keeps the keys it fetched instead of asking again on every call', async () => {
      const before = keys.fetches;
      for (let i = 0; i < 5; i++) expect((await call(claire, 'GET', '/api/tab/me')).status).toBe(200);
      expect(keys.fetches - before).toBe(0);
      expect(keys.fetches).toBeLessThanOrEqual(2);
    });
  });

  /** The status each role gets on each route; the list and detail contents are checked below. */
  const MATRIX: Array<[string, Record<string, number>]> = [
    ['GET /api/tab/me', { priya: 200, amara: 200, daniel: 200, gregory: 200, helen: 200, claire: 200, outsider: 200 }],
    ['GET /api/tab/requests?view=mine', { priya: 200, amara: 200, daniel: 200, gregory: 200, helen: 200, claire: 200, outsider: 200 }],
    ['GET /api/tab/requests?view=awaiting', { priya: 200, amara: 200, daniel: 200, gregory: 200, helen: 200, claire: 200, outsider: 200 }],
    ['GET /api/tab/requests?view=all', { priya: 200, amara: 200, daniel: 200, gregory: 200, helen: 200, claire: 200, outsider: 200 }],
    ['GET /api/tab/requests/REQUEST', { priya: 200, amara: 200, daniel: 200, gregory: 404, helen: 200, claire: 200, outsider: 404, emily: 404 }],
    ['GET /api/tab/charts', { priya: 403, emily: 403, amara: 200, daniel: 200, gregory: 200, helen: 200, claire: 200, outsider: 403 }],
    ['GET /api/tab/export.csv', { priya: 403, emily: 403, amara: 200, daniel: 200, gregory: 200, helen: 200, claire: 200, outsider: 403 }],
    ['GET /api/tab/crisis', { priya: 200, amara: 200, claire: 200, outsider: 200 }],
    ['POST /api/tab/crisis', { priya: 403, amara: 403, daniel: 403, gregory: 403, helen: 403, outsider: 403, claire: 409 }],
    ['GET /api/tab/misuse-reports', { priya: 403, emily: 403, amara: 200, daniel: 200, gregory: 200, helen: 403, claire: 200, outsider: 403 }],
    ['GET /api/tab/accounts', { priya: 200, sofia: 200, amara: 200, gregory: 200, claire: 200, outsider: 200 }],
    ['POST /api/tab/accounts/ACCOUNT/activity', { priya: 403, emily: 403, gregory: 403, helen: 403, outsider: 403, sofia: 200, amara: 200, daniel: 200, claire: 200 }],
    ['GET /api/tab/dead-letters', { priya: 403, sofia: 403, emily: 403, amara: 403, daniel: 403, gregory: 403, helen: 403, outsider: 403, claire: 200 }],
    // Communications last: once resent, the row is no longer a dead letter until it fails again.
    ['POST /api/tab/dead-letters/DEAD/retry', { priya: 403, sofia: 403, emily: 403, amara: 403, daniel: 403, gregory: 403, helen: 403, outsider: 403, claire: 200 }],
  ];
  const PEOPLE: Record<string, Who> = { priya, sofia, emily, amara, daniel, gregory, helen, claire, outsider };

  it.each(MATRIX)('%s: each role gets the status its role allows', async (route, expected) => {
    const [method, path] = route.split(' ') as [string, string];
    const body = ROUTES.find(([m, p]) => m === method && p === path)?.[2];
    const got: Record<string, number> = {};
    for (const who of Object.keys(expected)) got[who] = (await call(PEOPLE[who]!, method, at(path), body)).status;
    expect(got).toEqual(expected);
  });

  it('Communications sees each dead letter with its reason and sends it again, from the tab or the CLI', async () => {
    const dead = await waitForDeadLetter();
    const list = await call(claire, 'GET', '/api/tab/dead-letters');
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: dead.id, kind: 'written-permission', to: 'Priya Nair', reason: expect.stringMatching(/no approval recorded/) }));
    expect((await call(claire, 'POST', `/api/tab/dead-letters/${dead.id}/retry`, {})).status).toBe(200);
    expect((await bot.app.services.outbox.byId(dead.id))!.attempts).toBeLessThanOrEqual(1);
    // Not a dead letter now (or not yet again): a second press says so instead of resending twice.
    const again = await call(claire, 'POST', '/api/tab/dead-letters/not-an-id/retry', {});
    expect(again.status).toBe(404);

    // The same from the command line, for the whole lot.
    const redead = await waitForDeadLetter();
    const lines: string[] = [];
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = bot.databaseUrl;
    try {
      expect(await runCli(['outbox', 'retry', '--all'], (l) => lines.push(l), (l) => lines.push(l), process.stdin)).toBe(0);
      expect(await runCli(['outbox', 'retry', 'not-an-id'], (l) => lines.push(l), (l) => lines.push(l), process.stdin)).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect(lines.join('\n')).toMatch(new RegExp(`resent ${redead.id} written-permission[\\s\\S]*1 dead letter queued again[\\s\\S]*not-an-id is not a dead letter`));
  });

  async function listed(who: Who, view: string, extra = ''): Promise<string[]> {
    const res = await call(who, 'GET', `/api/tab/requests?view=${view}${extra}`);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ number: string }>).map((r) => r.number).sort();
  }

  it('staff see only their own requests, whatever view they ask for', async () => {
    const own = [numbers.priyaLogo, numbers.account].sort();
    expect(await listed(priya, 'mine')).toEqual(own);
    expect(await listed(priya, 'all')).toEqual(own);
    expect(await listed(priya, 'awaiting')).toEqual([]);
    expect(await listed(emily, 'all')).toEqual([numbers.emilyLogo]);
    expect(await listed(outsider, 'all')).toEqual([]);
    expect((await call(emily, 'GET', `/api/tab/requests/${ids.priyaLogo}`)).status).toBe(404);
  });

  it('a principal or designate sees their school only, and what awaits them', async () => {
    const school = [numbers.priyaLogo, numbers.account, numbers.amaraSpeak].sort();
    expect(await listed(amara, 'all')).toEqual(school);
    expect(await listed(daniel, 'all')).toEqual(school);
    expect(await listed(gregory, 'all')).toEqual([numbers.emilyLogo]);
    expect(await listed(amara, 'awaiting')).toEqual([numbers.priyaLogo]);
    expect(await listed(gregory, 'awaiting')).toEqual([numbers.emilyLogo]);
    // Asking for another school's requests gives nothing beyond what the role allows.
    expect(await listed(amara, 'all', '&unit=riverside')).toEqual([]);
    // The superintendent decides the principal's own request and oversees the school.
    expect(await listed(helen, 'awaiting')).toEqual([numbers.amaraSpeak]);
  });

  it('Communications sees everything, with filters and search', async () => {
    expect(await listed(claire, 'all')).toEqual(Object.values(numbers).sort());
    expect(await listed(claire, 'all', '&unit=riverside')).toEqual([numbers.emilyLogo]);
    expect(await listed(claire, 'all', '&kind=school-account')).toEqual([numbers.account]);
    expect(await listed(claire, 'all', '&state=approved')).toEqual([numbers.account]);
    expect(await listed(claire, 'all', '&q=LIBRARY')).toEqual([numbers.account]);
    expect(await listed(claire, 'all', `&q=${numbers.emilyLogo}`)).toEqual([numbers.emilyLogo]);
    expect(await listed(claire, 'all', '&q=100%25_')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await listed(claire, 'all', '&from=2000-01-01&to=2000-01-31')).toEqual([]);
    expect((await listed(claire, 'all', `&from=2000-01-01`)).length).toBe(4);
    expect((await call(claire, 'GET', '/api/tab/requests?view=all&from=2026-02-30')).status).toBe(400);
    void today;
    const detail = await call(claire, 'GET', `/api/tab/requests/${ids.account}`);
    expect(detail.body.history.map((h: any) => h.action)).toEqual(['submit', 'approve']);
    expect(detail.body.history[1].who).toBe('Amara Okafor');
    expect(detail.body.history[1].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('deciding from the tab follows the cards’ rules: the requester cannot, the designate can, once', async () => {
    const id = ids.priyaLogo!;
    const own = await call(priya, 'POST', `/api/tab/requests/${id}/actions`, { action: 'approve', version: 1 });
    expect(own.status).toBe(403);
    expect(own.body.reason).toBe('own-request');
    const comms = await call(claire, 'POST', `/api/tab/requests/${id}/actions`, { action: 'approve', version: 1 });
    expect(comms.status).toBe(403);
    expect((await call(gregory, 'POST', `/api/tab/requests/${id}/actions`, { action: 'approve', version: 1 })).status).toBe(404);
    const noReason = await call(daniel, 'POST', `/api/tab/requests/${id}/actions`, { action: 'decline', version: 1, comment: ' ' });
    expect(noReason.status).toBe(422);
    const ok = await call(daniel, 'POST', `/api/tab/requests/${id}/actions`, { action: 'approve', version: 1, conditions: 'No student faces' });
    expect(ok.status).toBe(200);
    expect(ok.body.request.state).toBe('approved');
    expect(ok.body.request.may.decide).toBe(false);
    const late = await call(amara, 'POST', `/api/tab/requests/${id}/actions`, { action: 'decline', version: 1, comment: 'No' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/already/i);
    expect(late.body.request.state).toBe('approved');
    const events = await bot.app.services.requests.store.events(id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['submit', priya.aadId],
      ['approve', daniel.aadId],
    ]);
  });

  it('exports exactly the requests each overseer may see, with their history', async () => {
    const rowsOf = async (who: Who) => {
      const res = await call(who, 'GET', '/api/tab/export.csv?from=2000-01-01');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      return parseCsv(res.text).slice(1);
    };
    const byGregory = await rowsOf(gregory);
    expect(new Set(byGregory.map((r) => r[0]))).toEqual(new Set([numbers.emilyLogo]));
    const byClaire = await rowsOf(claire);
    expect(new Set(byClaire.map((r) => r[0]))).toEqual(new Set(Object.values(numbers)));
  });

  it('tells everyone signed in who they are and what they may do', async () => {
    const me = async (who: Who) => (await call(who, 'GET', '/api/tab/me')).body;
    expect(await me(priya)).toMatchObject({ name: 'Priya Nair', role: 'Staff', capabilities: { seeAll: false, oversee: false, crisis: false, misuseReports: false } });
    expect(await me(amara)).toMatchObject({ role: 'Principal, Maple Grove Public School', capabilities: { seeAll: false, oversee: true, crisis: false, misuseReports: true } });
    expect(await me(claire)).toMatchObject({ role: 'Communications', capabilities: { seeAll: true, oversee: true, crisis: true, misuseReports: true } });
    expect(await me(outsider)).toMatchObject({ name: 'Not Listed', role: 'Not in the district directory' });
  });

  it('searches the values people typed, not their JSON: field names match nothing, \\ " % _ and accents match themselves, in any case', async () => {
    await submit(
      sofia,
      'logo-use',
      { logo: 'school', unitId: 'maple-grove', where: 'Back\\slash "quoted" sign', purpose: 'CÔTÉ café, 100% off_road', startDate: '2026-04-01' },
      'sofiaLogo',
    );
    const only = [numbers.sofiaLogo];
    const q = (term: string) => `&q=${encodeURIComponent(term)}`;
    // A field name is not something anyone typed.
    expect(await listed(claire, 'all', q('purpose'))).toEqual([]);
    expect(await listed(claire, 'all', q('startDate'))).toEqual([]);
    for (const term of ['\\', 'Back\\slash', '"quoted"', '%', '100% off', 'off_road', 'côté', 'CAFÉ', 'Côté Café']) {
      expect({ term, found: await listed(claire, 'all', q(term)) }).toEqual({ term, found: only });
    }
    // The wildcards are literal: "1_0" and "c%é" are not patterns.
    expect(await listed(claire, 'all', q('1_0'))).toEqual([]);
    expect(await listed(claire, 'all', q('c%é'))).toEqual([]);
    // The list of what awaits a principal is searched the same way.
    expect(await listed(amara, 'awaiting', q('purpose'))).toEqual([]);
    expect(await listed(amara, 'awaiting', q('"QUOTED"'))).toEqual(only);
    expect(await listed(amara, 'awaiting', q('côté'))).toEqual(only);
  });
});
