import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SsoVerifier } from '../../../src/tab/sso';
import { createLogger } from '../../../src/log';

/**
 * The tab's sign-in on its own, with the key endpoint replaced by a function:
 * each check a token must pass, and how the keys are fetched and kept.
 */
const ISSUER = 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0';
const AUDIENCE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const OID = '5C38BA53-D5AC-4F23-A381-CB3D6B1AEA7B';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' };

function setup(options: { keys?: () => Promise<Response>; clock?: { t: number } } = {}) {
  const clock = options.clock ?? { t: Date.parse('2026-03-02T15:00:00Z') };
  let fetches = 0;
  const verifier = new SsoVerifier({
    jwksUrl: 'https://keys.example/keys',
    issuers: [ISSUER],
    audiences: [AUDIENCE, `api://bot.district.example/${AUDIENCE}`],
    now: () => new Date(clock.t),
    log: createLogger('silent'),
    fetch: (async () => {
      fetches += 1;
      return options.keys ? options.keys() : new Response(JSON.stringify({ keys: [jwk] }), { status: 200 });
    }) as typeof fetch,
  });
  const sign = (claims: Record<string, unknown> = {}, opts: jwt.SignOptions = {}) =>
    `Bearer ${jwt.sign({ oid: OID, name: 'Amara Okafor', scp: 'access_as_user', iat: Math.floor(clock.t / 1000), exp: Math.floor(clock.t / 1000) + 3600, ...claims }, privateKey, { algorithm: 'RS256', keyid: 'k1', issuer: ISSUER, audience: AUDIENCE, ...opts })}`;
  return { verifier, sign, clock, fetches: () => fetches };
}

describe('tab sign-in with the Teams SSO token', () => {
  it('accepts a token from the tenant for this app, and names the person by oid in lower case', async () => {
    const { verifier, sign } = setup();
    expect(await verifier.verify(sign())).toEqual({ ok: true, identity: { oid: OID.toLowerCase(), name: 'Amara Okafor' } });
    expect(await verifier.verify(sign({}, { audience: `api://bot.district.example/${AUDIENCE}` }))).toMatchObject({ ok: true });
    // scp is a space-separated list; access_as_user may be one of several.
    expect(await verifier.verify(sign({ scp: 'User.Read access_as_user' }))).toMatchObject({ ok: true });
  });

  it.each([
    ['missing-token', () => undefined],
    ['malformed-token', () => 'Basic abc'],
    ['wrong-issuer', (s: ReturnType<typeof setup>['sign']) => s({}, { issuer: 'https://sts.windows.net/another/' })],
    ['wrong-audience', (s: ReturnType<typeof setup>['sign']) => s({}, { audience: 'api://other' })],
    ['expired', (s: ReturnType<typeof setup>['sign']) => s({ exp: Math.floor(Date.parse('2026-03-02T14:00:00Z') / 1000) })],
    ['not-yet-valid', (s: ReturnType<typeof setup>['sign']) => s({ nbf: Math.floor(Date.parse('2026-03-02T16:00:00Z') / 1000) })],
    ['no-person', (s: ReturnType<typeof setup>['sign']) => s({ oid: 'not-a-guid' })],
    ['missing-scope', (s: ReturnType<typeof setup>['sign']) => s({ scp: undefined })],
    ['missing-scope', (s: ReturnType<typeof setup>['sign']) => s({ scp: 'User.Read openid' })],
    ['missing-scope', (s: ReturnType<typeof setup>['sign']) => s({ scp: ['access_as_user'] })],
    ['malformed-token', (s: ReturnType<typeof setup>['sign']) => `Bearer ${jwt.sign({ oid: OID, iat: 1 }, privateKey, { algorithm: 'RS256', keyid: 'k1', issuer: ISSUER, audience: AUDIENCE })}`],
  ] as const)('refuses with %s', async (reason, make) => {
    const { verifier, sign } = setup();
    expect(await verifier.verify(make(sign))).toEqual({ ok: false, reason });
  });

  it('refuses a token whose signature does not match the published key', async () => {
    const { verifier, sign } = setup();
    const token = sign();
    const [h, p] = token.slice(7).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), oid: '0de2d0d8-6523-4e3b-a31f-f00741094659' })).toString('base64url')}.${token.split('.')[2]}`;
    expect(await verifier.verify(`Bearer ${forged}`)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('fetches the keys once, again when they are old, and at most every 30 s for an unknown key id', async () => {
    const s = setup();
    for (let i = 0; i < 3; i++) expect((await s.verifier.verify(s.sign())).ok).toBe(true);
    expect(s.fetches()).toBe(1);
    const unknown = s.sign({}, { keyid: 'k2' });
    expect(await s.verifier.verify(unknown)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(await s.verifier.verify(unknown)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(s.fetches()).toBe(1);
    s.clock.t += 31_000;
    await s.verifier.verify(s.sign({}, { keyid: 'k2' }));
    expect(s.fetches()).toBe(2);
    s.clock.t += 7 * 60 * 60 * 1000;
    expect((await s.verifier.verify(s.sign())).ok).toBe(true);
    expect(s.fetches()).toBe(3);
  });

  it('keeps working on the keys it has when the key endpoint fails, and refuses when it never had any', async () => {
    let up = true;
    const s = setup({ keys: async () => (up ? new Response(JSON.stringify({ keys: [jwk] })) : new Response('down', { status: 503 })) });
    expect((await s.verifier.verify(s.sign())).ok).toBe(true);
    up = false;
    s.clock.t += 7 * 60 * 60 * 1000;
    expect((await s.verifier.verify(s.sign())).ok).toBe(true);
    const never = setup({ keys: async () => new Response('down', { status: 503 }) });
    expect(await never.verifier.verify(never.sign())).toEqual({ ok: false, reason: 'keys-unavailable' });
  });

  it('refuses everything when sign-in is not configured', async () => {
    const verifier = new SsoVerifier({ issuers: [], audiences: [], now: () => new Date(), log: createLogger('silent') });
    expect(verifier.configured).toBe(false);
    expect(await verifier.verify('Bearer a.b.c')).toEqual({ ok: false, reason: 'not-configured' });
  });
});
