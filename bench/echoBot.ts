import restify, { type Request, type Response } from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';

/**
 * The baseline: the botbuilder echo sample (CloudAdapter + ActivityHandler replying with the
 * text) on the same restify set-up as src/server.ts (bodyParser with the same options, no
 * uncaught-exception handler, POST /api/messages, listen on host:port with 0 for a free port).
 * No validation, no middleware, no database: what any botbuilder bot pays per turn.
 */
export interface EchoBot {
  port: number;
  close(): Promise<void>;
}

class Echo extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text ?? ''}`));
      await next();
    });
  }
}

export async function startEchoBot(port: number, host: string): Promise<EchoBot> {
  // No app id: unauthenticated local traffic, as for the real bot under the bench.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    await context.sendActivity(`Echo bot error: ${error instanceof Error ? error.message : String(error)}`).catch(() => undefined);
  };
  const bot = new Echo();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false, rejectUnknown: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
  return {
    port: bound,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
    },
  };
}
