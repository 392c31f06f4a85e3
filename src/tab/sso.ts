import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Log } from '../log';

/**
 * Signs the oversight tab's API calls in with the Teams SSO token the tab got
 * from `authentication.getAuthToken()`: an Entra access token for this app.
 * The token must be signed with one of the tenant's published keys (RS256),
 * come from an accepted issuer, be meant for this app (audience), be in
 * date and grant the `access_as_user` scope; the person is its `oid`, and what they may see comes from the
 * directory, never from the token's other claims.
 */
export interface TabIdentity {
  /** Entra object id, lower case. */
  oid: string;
  /** The token's display name, used only when the directory does not know the person. */
  name: string;
}

export type SignInFailure =
  | 'missing-token'
  | 'malformed-token'
  | 'not-configured'
  | 'unknown-key'
  | 'keys-unavailable'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-scope'
  | 'no-person';

export type SignIn = { ok: true; identity: TabIdentity } | { ok: false; reason: SignInFailure };

export interface SsoOptions {
  jwksUrl?: string;
  issuers: readonly string[];
  audiences: readonly string[];
  now: () => Date;
  log: Log;
  fetch?: typeof fetch;
  /** Keys are kept this long before being fetched again. */
  cacheMs?: number;
  /** An unknown key id triggers a fetch at most this often, so bad tokens cannot hammer the key endpoint. */
  minRefetchMs?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The delegated scope the app registration exposes and Teams asks for. A token
 * for this audience without it was issued for something else (an app-only
 * token, another client's consent) and does not speak for a signed-in person.
 */
const REQUIRED_SCOPE = 'access_as_user';
/** Entra and the Teams client clocks drift a little. */
const CLOCK_TOLERANCE_SECONDS = 120;

interface Jwk {
  kid?: string;
  kty?: string;
  use?: string;
  n?: string;
  e?: string;
}

/** The tenant's signing keys, fetched when first needed and again when stale or when a token names a new key. */
export class JwksCache {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly options: { now: () => Date; fetch: typeof fetch; cacheMs: number; minRefetchMs: number; log: Log },
  ) {}

  async key(kid: string): Promise<KeyObject | 'unknown-key' | 'keys-unavailable'> {
    const age = this.options.now().getTime() - this.fetchedAt;
    const stale = age > this.options.cacheMs;
    if (stale || (!this.keys.has(kid) && age > this.options.minRefetchMs)) {
      try {
        await (this.pending ??= this.load().finally(() => (this.pending = undefined)));
      } catch (err) {
        this.options.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'tab sign-in keys could not be fetched');
        // Keep serving the keys we had: a short outage of the key endpoint should not sign everyone out.
        if (this.keys.size === 0) return 'keys-unavailable';
      }
    }
    return this.keys.get(kid) ?? 'unknown-key';
  }

  private async load(): Promise<void> {
    const res = await this.options.fetch(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`key endpoint answered ${res.status}`);
    const body = (await res.json()) as { keys?: Jwk[] };
    const keys = new Map<string, KeyObject>();
    for (const k of body.keys ?? []) {
      if (!k.kid || k.kty !== 'RSA' || (k.use && k.use !== 'sig') || !k.n || !k.e) continue;
      keys.set(k.kid, createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' }));
    }
    this.keys = keys;
    this.fetchedAt = this.options.now().getTime();
  }
}

export class SsoVerifier {
  private readonly jwks: JwksCache | undefined;

  constructor(private readonly options: SsoOptions) {
    this.jwks = options.jwksUrl
      ? new JwksCache(options.jwksUrl, {
          now: options.now,
          fetch: options.fetch ?? fetch,
          cacheMs: options.cacheMs ?? 6 * 60 * 60 * 1000,
          minRefetchMs: options.minRefetchMs ?? 30_000,
          log: options.log,
        })
      : undefined;
  }

  get configured(): boolean {
    return this.jwks !== undefined && this.options.issuers.length > 0 && this.options.audiences.length > 0;
  }

  /** Checks an `Authorization: Bearer …` header. */
  async verify(authorization: string | undefined): Promise<SignIn> {
    const m = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/.exec(authorization ?? '');
    if (!authorization) return { ok: false, reason: 'missing-token' };
    if (!m) return { ok: false, reason: 'malformed-token' };
    if (!this.configured || !this.jwks) return { ok: false, reason: 'not-configured' };
    const token = m[1]!;
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string' || decoded.header.alg !== 'RS256' || !decoded.header.kid) return { ok: false, reason: 'malformed-token' };
    const key = await this.jwks.key(decoded.header.kid);
    if (typeof key === 'string') return { ok: false, reason: key };
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ['RS256'],
        issuer: this.options.issuers as [string, ...string[]],
        audience: this.options.audiences as [string, ...string[]],
        clockTimestamp: Math.floor(this.options.now().getTime() / 1000),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }) as jwt.JwtPayload;
    } catch (err) {
      return { ok: false, reason: failureOf(err) };
    }
    // An access token without an expiry would be good forever.
    if (typeof claims.exp !== 'number') return { ok: false, reason: 'malformed-token' };
    // scp is a space-separated list of the scopes granted.
    if (typeof claims.scp !== 'string' || !claims.scp.split(' ').includes(REQUIRED_SCOPE)) return { ok: false, reason: 'missing-scope' };
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    if (!GUID.test(oid)) return { ok: false, reason: 'no-person' };
    return { ok: true, identity: { oid: oid.toLowerCase(), name: typeof claims.name === 'string' ? claims.name : '' } };
  }
}

function failureOf(err: unknown): SignInFailure {
  if (err instanceof jwt.TokenExpiredError) return 'expired';
  if (err instanceof jwt.NotBeforeError) return 'not-yet-valid';
  const message = err instanceof Error ? err.message : '';
  if (/audience/.test(message)) return 'wrong-audience';
  if (/issuer/.test(message)) return 'wrong-issuer';
  if (/signature/.test(message)) return 'bad-signature';
  return 'malformed-token';
}
