import restify, { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Log } from './log';
import { carriesMetricsToken, type Metrics } from './metrics';

/**
 * Only the shape every activity must have before botbuilder sees it: a
 * malformed one gets a 400 that says what is wrong, instead of a stack trace
 * from deep inside the adapter. Everything else is the handlers' business.
 */
const inboundActivity = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().url().max(2048),
  conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  from: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  recipient: z.object({ id: z.string().min(1).max(1024) }).passthrough().optional(),
  text: z.string().optional(),
});

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]));
  return value;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Log;
  /** Whether inbound traffic must carry a Bot Framework token (an app id is configured). */
  requireAuth: boolean;
  ready: () => Promise<boolean>;
  metrics: Metrics;
  /** The bearer token a scraper must send for /metrics; without one, /metrics is not served. */
  metricsToken?: string;
  /** Extra routes (the tab, its API) added by later features. */
  extend?: (server: Server) => void;
}

export interface BotServer {
  server: Server;
  /** Turns still being handled; shutdown waits for them. */
  inFlight(): number;
  listen(port: number, host: string): Promise<number>;
  /** Stops taking new turns, waits up to graceMs for the ones in flight, then closes every connection. */
  close(graceMs: number): Promise<void>;
}

export function createServer(deps: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'pr708-bot', handleUncaughtExceptions: false });
  // Node closes an idle keep-alive connection after 5 s. A client that reuses the
  // connection just as it closes (a load balancer, or a test whose event loop was
  // held) gets ECONNRESET for a request the bot never saw. Idle connections stay
  // open longer than the usual 60 s of load balancers instead, so the client closes first.
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  // Teams messages are capped near 28 KB; 1 MB leaves room for cards in
  // invokes while refusing floods before they are parsed.
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false, rejectUnknown: false }));
  // PostgreSQL text cannot hold a NUL character (SQLite can) and nobody means to type one:
  // pasted in, it would fail the turn on one store and not the other. NULs are dropped from
  // every JSON body before anything reads it; only a body whose text holds one is walked.
  server.use((req, _res, next) => {
    const raw = (req as Request & { rawBody?: unknown }).rawBody;
    if (typeof raw === 'string' && raw.includes('\\u0000')) req.body = withoutNul(req.body);
    next();
  });
  let inFlight = 0;
  let draining = false;

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (draining) {
      res.send(503, { error: 'The bot is restarting; please retry.' });
      return;
    }
    const parsed = inboundActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      deps.log.warn({ path: issue.path.join('.'), problem: issue.message }, 'malformed activity refused');
      res.send(400, { error: `Malformed activity: ${issue.path.join('.') || 'body'} ${issue.message.toLowerCase()}` });
      return;
    }
    if (deps.requireAuth && !/^Bearer [\w-]+\.[\w-]+\.[\w-]*$/.test(String(req.headers.authorization ?? ''))) {
      // Refuse early and quietly: botbuilder would refuse too, after logging a stack trace.
      res.send(401, { error: 'A Bot Framework token is required.' });
      return;
    }
    inFlight += 1;
    const stopTimer = deps.metrics.turnSeconds.startTimer({ type: parsed.data.type });
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (err) {
      deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'adapter failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    } finally {
      inFlight -= 1;
      stopTimer();
      deps.metrics.turns.inc({ type: parsed.data.type, outcome: String(res.statusCode ?? 0).charAt(0) + 'xx' });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const ok = !draining && (await deps.ready());
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', database: ok ? 'reachable' : 'unreachable' });
  });

  // The figures (traffic, verdicts, dead letters) are for the operators' scraper, not for
  // anyone who finds the public address: with no token configured there is no /metrics.
  const metricsToken = deps.metricsToken;
  if (metricsToken) {
    server.get('/metrics', async (req: Request, res: Response) => {
      if (!carriesMetricsToken(req.headers.authorization, metricsToken)) {
        res.setHeader('www-authenticate', 'Bearer');
        res.send(401, { error: 'A metrics token is required.' });
        return;
      }
      res.setHeader('content-type', deps.metrics.registry.contentType);
      res.sendRaw(200, await deps.metrics.registry.metrics());
    });
  }

  deps.extend?.(server);

  return {
    server,
    inFlight: () => inFlight,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          resolve((server.address() as { port: number }).port);
        });
      }),
    close: async (graceMs) => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.server.closeAllConnections();
      await closed;
    },
  };
}
