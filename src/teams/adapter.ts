import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  INVOKE_RESPONSE_KEY,
  CallerIdConstants,
  TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  JwtTokenValidation,
  UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config';
import type { Log } from '../log';
import { rememberBounded } from '../bounded';

/**
 * The CloudAdapter with the bot's credentials. With no app id it accepts
 * unauthenticated local traffic (Agents Playground, the Emulator, tests);
 * with one, every request must carry a Bot Framework token for that app id.
 */
export function createAdapter(config: Config, log: Log): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
    // botbuilder switches to a fully 'parameterized' set-up as soon as one
    // endpoint is overridden, so the other public-cloud values must come too.
    ...(config.bot.openIdMetadataUrl || config.bot.emulatorOpenIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToBotFromEmulatorOpenIdMetadataUrl: config.bot.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ValidateAuthority: true,
        }
      : {}),
  };
  const auth = new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings));
  // botbuilder lets some failures escape as plain errors, which the adapter
  // answers with 500: jsonwebtoken's own (a forged signature, a token not yet
  // valid) and a network error fetching the signing keys (the Emulator's keys
  // when login.microsoftonline.com cannot be reached). Either way the caller
  // was not shown to be the channel, so the answer is 401, never a 500 that
  // looks like the bot is broken. An unreachable key endpoint is worth a
  // warning: it refuses genuine traffic too.
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args: Parameters<typeof authenticate>) => {
    let result: Awaited<ReturnType<typeof authenticate>>;
    try {
      result = await authenticate(...args);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      const name = (err as { name?: string }).name ?? 'Error';
      if (name !== 'JsonWebTokenError' && name !== 'NotBeforeError') log.warn({ err: name, problem: (err as Error).message }, 'bot token could not be checked');
      throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, 401);
    }
    // jsonwebtoken accepts a token that carries no expiry at all; such a token
    // would be good forever if it ever leaked, so one is required.
    // (Claims are typed as strings but hold the token's JSON values: exp is a number.)
    const exp: unknown = result.claimsIdentity.getClaimValue('exp');
    if (config.bot.appId && (typeof exp !== 'number' || !Number.isFinite(exp))) {
      throw new AuthenticationError('Unauthorized: the token has no expiry', 401);
    }
    return result;
  };
  reuseClients(auth);
  const adapter = new CloudAdapter(auth);

  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // One bad turn must never take the process down; the person gets a short
    // apology with a reference that support can find in the logs.
    const correlationId = randomUUID().slice(0, 8);
    log.error(
      {
        correlationId,
        err: error instanceof Error ? { message: error.message, stack: error.stack, name: error.name } : String(error),
        activityType: context.activity.type,
        activityName: context.activity.name,
        conversationId: context.activity.conversation?.id,
      },
      'turn failed',
    );
    const apology = `Sorry, something went wrong on my side and I couldn't finish that. Nothing you typed was lost; please try again. If it keeps happening, give this reference to support: ${correlationId}`;
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        // An invoke is answered in its HTTP response, not by a message: for a
        // card action Teams shows this text in place of the refreshed card.
        const value =
          context.activity.name === 'adaptiveCard/action'
            ? { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: apology } }
            : { status: 500, body: { error: apology } };
        context.turnState.set(INVOKE_RESPONSE_KEY, { type: 'invokeResponse', value });
      } else {
        await context.sendActivity(apology);
      }
    } catch (sendError) {
      log.error({ correlationId, err: sendError instanceof Error ? sendError.message : String(sendError) }, 'could not send the apology');
    }
  };
  return adapter;
}

const KEPT_CLIENTS = 500;

/**
 * Takes out the retry policy the connector client's HTTP pipeline carries
 * (@azure/core-rest-pipeline's defaultRetryPolicy, phase "Retry": up to 3
 * retries with exponential backoff, and 429 waits). In a turn it made a reply
 * that failed sit 8-11 s before the person got the apology; for proactive
 * messages the outbox retries itself, counting each attempt and honouring
 * Retry-After with a cap. So no connector call is retried silently.
 */
export function withoutSdkRetries(client: ConnectorClient): ConnectorClient {
  (client as unknown as { client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } } }).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}

/**
 * The CloudAdapter builds a new ConnectorClient and a new UserTokenClient,
 * each with its own HTTP pipeline, on every turn; under load that was a fifth
 * of a question turn's CPU. A client depends only on the app id, the service
 * URL and the audience, and its credentials refresh their own token, so one
 * client per combination is kept and reused (what botbuilder's older
 * BotFrameworkAdapter did with its connectorClients map). Bounded, oldest out.
 */
export function reuseClients(auth: BotFrameworkAuthentication, limit = KEPT_CLIENTS): void {
  const connectors = new Map<string, Promise<ConnectorClient>>();
  const tokenClients = new Map<string, Promise<UserTokenClient>>();
  const keep = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    let kept = cache.get(key);
    if (!kept) {
      kept = make();
      // A failed creation is not kept: the next turn tries again.
      kept.catch(() => cache.get(key) === kept && cache.delete(key));
      rememberBounded(cache, key, kept, limit);
    }
    return kept;
  };
  const appIdOf = (identity: ClaimsIdentity) => JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';
  const reusing = (factory: ConnectorFactory, appId: string): ConnectorFactory => ({
    create: (serviceUrl: string, audience?: string) => keep(connectors, `${appId}|${serviceUrl}|${audience ?? ''}`, async () => withoutSdkRetries(await factory.create(serviceUrl, audience))),
  });

  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => reusing(createConnectorFactory(identity), appIdOf(identity));
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity) => keep(tokenClients, appIdOf(identity), () => createUserTokenClient(identity));
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  };
}
