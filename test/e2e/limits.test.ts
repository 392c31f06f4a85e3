import { startTestBot, TestBot } from '../support/harness';
import { testDatabases } from '../support/databases';
import * as A from '../support/activities';
import { cardText } from '../support/cardCheck';
import type { TestUser } from '../support/people';

const eager: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000ff01', name: 'Eager Asker' };
const calm: TestUser = { aadId: '0f1e2d3c-0000-4000-8000-00000000ff02', name: 'Calm Asker' };
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

describe('fair use and metrics', () => {
  const database = testDatabases()[0]!;
  let bot: TestBot;
  let clock = Date.parse('2026-11-25T15:00:00Z');
  beforeAll(async () => {
    bot = await startTestBot({ databaseUrl: database.fresh(), env: { RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '6', METRICS_TOKEN }, now: () => new Date(clock) });
  });
  afterAll(async () => {
    await bot?.close();
    await database.cleanup();
  });

  const ask = async (user: TestUser, text: string) => {
    const before = bot.connector.sentTo(A.personalConversationId(user)).length;
    await bot.post(A.message(user, bot.connector.url, text));
    return (await bot.connector.waitFor(() => bot.connector.sentTo(A.personalConversationId(user))[before])).activity;
  };

  it('slows one person down with a clear message, without touching anyone else', async () => {
    expect((await ask(eager, 'can I friend a student?')).attachments).toHaveLength(1);
    expect((await ask(eager, 'can I use the crest?')).attachments).toHaveLength(1);
    const refused = await ask(eager, 'can I post about a lockdown?');
    expect(refused.text).toMatch(/faster than I can keep up with\. Please wait 10 seconds/);
    expect((await ask(calm, 'can I friend a student?')).attachments).toHaveLength(1);
    clock += 10_000;
    expect((await ask(eager, 'can I post about a lockdown?')).attachments).toHaveLength(1);
  });

  it('refuses a draft check past the limit inside the same card, keeping the draft', async () => {
    const run = () => bot.post(A.execute(calm, bot.connector.url, 'check.run', { draft: 'Bake sale Friday!', account: 'school' }));
    await run();
    await run();
    const refused = await run();
    expect(cardText(refused.body.value)).toMatch(/checking faster than I can keep up with/);
    expect(JSON.stringify(refused.body.value)).toContain('Bake sale Friday!');
  });

  it('exposes Prometheus metrics: turns, their latency, answers by verdict, refusals', async () => {
    const res = await fetch(`${bot.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/pr708_turns_total\{type="message",outcome="2xx"\} \d+/);
    expect(text).toMatch(/pr708_turn_seconds_bucket\{le="0\.1",type="message"\} \d+/);
    expect(text).toMatch(/pr708_answers_total\{verdict="not-allowed"\} [1-9]/);
    expect(text).toMatch(/pr708_rate_limited_total\{what="question"\} 1/);
    expect(text).toMatch(/pr708_rate_limited_total\{what="check"\} 1/);
    expect(text).toMatch(/^pr708_outbox_pending \d+$/m);
    expect(text).toMatch(/^pr708_outbox_dead_letters 0$/m);
  });

  it('serves /metrics only to the configured bearer token: none, a wrong one or another scheme get 401 and no figures', async () => {
    const attempts: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['a wrong token of the same length', { authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}x` }],
      ['a prefix of the token', { authorization: `Bearer ${METRICS_TOKEN.slice(0, 8)}` }],
      ['the token with more after it', { authorization: `Bearer ${METRICS_TOKEN}x` }],
      ['another scheme', { authorization: `Basic ${METRICS_TOKEN}` }],
    ];
    for (const [what, headers] of attempts) {
      const res = await fetch(`${bot.url}/metrics`, { headers });
      const text = await res.text();
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(text).not.toContain('pr708_');
    }
    const ok = await fetch(`${bot.url}/metrics`, { headers: { authorization: `bearer  ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
  });

  it('does not serve /metrics on the public listener at all when no token is configured', async () => {
    const plain = await startTestBot({ databaseUrl: database.fresh() });
    try {
      for (const headers of [{}, { authorization: 'Bearer anything-at-all-0123456789' }] as Array<Record<string, string>>) {
        const res = await fetch(`${plain.url}/metrics`, { headers });
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain('pr708_');
      }
      expect((await fetch(`${plain.url}/healthz`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
