import http from 'node:http';
import { generateKeyPairSync, randomUUID, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * A local stand-in for the Bot Connector service: it records what the bot
 * sends (replies, new conversations, updates) and answers as the real one
 * does. It can also be told to fail (429 with Retry-After, 500, or 403/404
 * with Teams' error code, for one person or call) and it
 * publishes OpenID metadata and signing keys so tests can sign channel tokens.
 */
export interface RecordedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity id the bot replied to or updated, if any. */
  targetId?: string;
  id: string;
  activity: any;
  at: number;
}

export interface CreatedConversation {
  id: string;
  params: any;
}

/** A refusal; `code` and `message` fill the error body as Teams words it (e.g. 403 BotNotInConversationRoster). */
type Failure = { status: number; retryAfterSeconds?: number; code?: string; message?: string };

/** What a rule sees of a connector call: method, path and parsed body. */
export interface ConnectorCall {
  method: string;
  url: string;
  body: any;
}

/** A call matching `match` hangs for `ms` (failure then applies) or fails at once; `times` calls, then the rule is spent. */
interface Rule {
  match: (call: ConnectorCall) => boolean;
  hangMs?: number;
  failure?: Failure;
  times: number;
}

export class ConnectorStandIn {
  readonly activities: RecordedActivity[] = [];
  readonly conversations: CreatedConversation[] = [];
  private server?: http.Server;
  private failures: Failure[] = [];
  private rules: Rule[] = [];
  /** Calls currently held by hangWhen, and how many were ever held. */
  hanging = 0;
  hung = 0;
  /** Calls whose caller gave up (closed the connection) while they hung: never carried out. */
  abandoned = 0;
  private delayMs = 0;
  private waiters: Array<() => void> = [];
  private readonly privateKey: KeyObject;
  private readonly publicJwk: any;
  readonly kid = 'local-test-key';
  url = '';

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, kty: 'RSA', use: 'sig', endorsements: ['msteams', 'emulator', 'webchat'] };
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    // As the bot's own server does (src/server.ts): the bot's HTTP client must not reuse a
    // connection just as the stand-in closes it for being idle, which showed as ECONNRESET.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next N connector calls fail with these statuses, in order. */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  /**
   * The next `times` calls matching `match` hang for `ms`, as a connector that
   * stopped answering. A caller that gives up meanwhile (aborts, closes the
   * connection) has its call dropped, never carried out; one that waits it
   * out has it carried out late, as the real service may.
   */
  hangWhen(match: (call: ConnectorCall) => boolean, ms: number, times = 1): void {
    this.rules.push({ match, hangMs: ms, times });
  }

  /** The next `times` calls matching `match` fail with this status (e.g. only replies, not the apology after them). */
  failWhen(match: (call: ConnectorCall) => boolean, failure: Failure, times = 1): void {
    this.rules.push({ match, failure, times });
  }

  /** Drops every hang and failure rule not yet spent. */
  clearRules(): void {
    this.rules.length = 0;
  }

  /** Every connector call waits this long before answering (to hold a turn in flight). */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** A channel token as the Bot Framework would sign it, for the given bot app id. */
  /** `expiresInSeconds: null` leaves the expiry out; `claims` adds or overrides claims (an Emulator token's ver, azp). */
  signToken(appId: string, opts: { expiresInSeconds?: number | null; issuer?: string; key?: KeyObject; claims?: Record<string, unknown> } = {}): string {
    return jwt.sign({ serviceurl: this.url, aud: appId, ...opts.claims }, opts.key ?? this.privateKey, {
      algorithm: 'RS256',
      keyid: this.kid,
      issuer: opts.issuer ?? 'https://api.botframework.com',
      ...(opts.expiresInSeconds === null ? {} : { expiresIn: opts.expiresInSeconds ?? 3600 }),
    });
  }

  get openIdMetadataUrl(): string {
    return `${this.url}/openid/config`;
  }

  sentTo(conversationId: string): RecordedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  cardsIn(conversationId?: string): any[] {
    return (conversationId ? this.sentTo(conversationId) : this.activities).flatMap((a) =>
      (a.activity.attachments ?? []).filter((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x: any) => x.content),
    );
  }

  clear(): void {
    this.activities.length = 0;
    this.conversations.length = 0;
  }

  /** Waits until `predicate` holds over what was recorded, or fails after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000, what = 'connector activity'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = predicate();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; recorded: ${JSON.stringify(this.activities.map((a) => ({ c: a.conversationId, t: a.activity.text, att: a.activity.attachments?.length })))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const call: ConnectorCall = { method: req.method ?? '', url: req.url ?? '', body: safeJson(body) };
      const rule = (req.url ?? '').startsWith('/openid') ? undefined : this.rules.find((r) => r.times > 0 && r.match(call));
      if (rule) {
        rule.times -= 1;
        if (rule.times === 0) this.rules.splice(this.rules.indexOf(rule), 1);
        if (rule.failure && rule.hangMs === undefined) return this.fail(res, rule.failure);
        this.hanging += 1;
        this.hung += 1;
        this.notify();
        let gaveUp = false;
        res.on('close', () => {
          if (!res.writableEnded) gaveUp = true;
        });
        setTimeout(() => {
          this.hanging -= 1;
          if (gaveUp || res.destroyed) {
            this.abandoned += 1;
            this.notify();
            return;
          }
          if (rule.failure) this.fail(res, rule.failure);
          else this.respond(req, res, body);
        }, rule.hangMs).unref();
        return;
      }
      if (this.delayMs > 0 && !(req.url ?? '').startsWith('/openid')) setTimeout(() => this.respond(req, res, body), this.delayMs);
      else this.respond(req, res, body);
    });
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    {
      const url = req.url ?? '';
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'GET' && url === '/openid/config') {
        return send(200, { issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/openid/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (req.method === 'GET' && url === '/openid/keys') return send(200, { keys: [this.publicJwk] });
      const failure = this.failures.shift();
      if (failure) return this.fail(res, failure);
      const parsed = body ? JSON.parse(body) : {};
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url)) {
        const id = `a:${randomUUID()}`;
        this.conversations.push({ id, params: parsed });
        if (parsed.activity) this.record('POST', id, undefined, parsed.activity);
        this.notify();
        return send(201, { id, activityId: parsed.activity ? randomUUID() : undefined, serviceUrl: this.url });
      }
      if ((m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(url))) {
        const conversationId = decodeURIComponent(m[1]!);
        const targetId = m[2] ? decodeURIComponent(m[2]) : undefined;
        if (req.method === 'POST') {
          const id = this.record('POST', conversationId, targetId, parsed);
          return send(200, { id });
        }
        if (req.method === 'PUT') {
          const id = this.record('PUT', conversationId, targetId, parsed);
          return send(200, { id });
        }
      }
      if (req.method === 'GET' && (m = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url))) {
        return send(200, { id: decodeURIComponent(m[2]!), name: 'Member', aadObjectId: decodeURIComponent(m[2]!) });
      }
      send(404, { error: { code: 'NotFound', message: `${req.method} ${url}` } });
    }
  }

  private fail(res: http.ServerResponse, failure: Failure): void {
    res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {}) });
    res.end(JSON.stringify({ error: { code: failure.code ?? 'Failure', message: failure.message ?? `stand-in failure ${failure.status}` } }));
  }

  private record(method: 'POST' | 'PUT', conversationId: string, targetId: string | undefined, activity: any): string {
    const id = method === 'PUT' && targetId ? targetId : `act-${this.activities.length + 1}-${randomUUID().slice(0, 6)}`;
    this.activities.push({ method, conversationId, targetId, id, activity, at: Date.now() });
    this.notify();
    return id;
  }
}

function safeJson(text: string): any {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
