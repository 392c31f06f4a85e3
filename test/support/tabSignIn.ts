import http from 'node:http';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TENANT_ID } from './people';

/**
 * Teams SSO for the oversight tab, without the network: a local RSA key
 * published as a JWKS by a local endpoint, and tokens signed with it the way
 * Entra signs a Teams SSO token (issuer, audience, oid, name, expiry).
 */
export const TAB_ISSUER = `https://login.microsoftonline.com/${TENANT_ID}/v2.0`;
export const TAB_AUDIENCE = 'api://bot.district.example/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

export interface TokenOptions {
  issuer?: string;
  audience?: string;
  /** null leaves the expiry out. */
  expiresInSeconds?: number | null;
  /** The `scp` claim; null leaves it out. Teams SSO tokens carry `access_as_user`. */
  scope?: string | null;
  /** Sign with another key under the same key id: a forged token. */
  key?: KeyObject;
  kid?: string;
  oid?: string | null;
  /** The clock the token is issued against (the app's clock in tests that move time). */
  now?: Date;
}

export class TabSignIn {
  readonly kid = 'tab-test-key';
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private server?: http.Server;
  /** How many times the bot fetched the keys. */
  fetches = 0;
  url = '';

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' };
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      if (req.url === '/keys') {
        this.fetches += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [this.publicJwk] }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The settings that point the bot at this key. */
  env(): Record<string, string> {
    return { TAB_SSO_JWKS_URL: `${this.url}/keys`, TAB_SSO_ISSUER: TAB_ISSUER, TAB_SSO_AUDIENCE: TAB_AUDIENCE };
  }

  token(user: { aadId: string; name: string }, opts: TokenOptions = {}): string {
    const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
    const payload: Record<string, unknown> = {
      iat: now,
      nbf: now,
      name: user.name,
      tid: TENANT_ID,
      ver: '2.0',
    };
    if (opts.expiresInSeconds !== null) payload.exp = now + (opts.expiresInSeconds ?? 3600);
    if (opts.scope !== null) payload.scp = opts.scope ?? 'access_as_user';
    if (opts.oid !== null) payload.oid = opts.oid ?? user.aadId;
    return jwt.sign(payload, opts.key ?? this.privateKey, { algorithm: 'RS256', keyid: opts.kid ?? this.kid, issuer: opts.issuer ?? TAB_ISSUER, audience: opts.audience ?? TAB_AUDIENCE });
  }
}
