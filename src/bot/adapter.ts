import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type InvokeResponse,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { CardJson } from '../kernel/cardRenderer';
import { failureTextFor, safetyLine } from './actions/welcomeActions';
import { isActivityOf } from './activityFacts';

/** The request's token was missing, malformed, forged or not for this bot: answer 401. */
export class AuthenticationRefused extends Error {
  constructor(readonly reason: 'authentication failed') {
    super('The request could not be authenticated.');
    this.name = 'AuthenticationRefused';
  }
}

type Authentication = ConfigurationBotFrameworkAuthentication;
type Authenticated = Awaited<ReturnType<Authentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<Authenticated['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = Authenticated['claimsIdentity'];
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** Clients kept per key (app, service URL, audience); past this the cache starts again. */
const maxCachedClients = 64;

/** The promise for a key, made once; a rejected one is forgotten so the next turn tries again. */
function reuse<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let made = cache.get(key);
  if (!made) {
    if (cache.size >= maxCachedClients) cache.clear();
    made = make();
    cache.set(key, made);
    made.catch(() => cache.delete(key));
  }
  return made;
}

/** The bot's app id as the Bot Framework reads it from a request's claims (audience, else appid). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * botbuilder builds a new Bot Connector client and a new user-token client (each an HTTP pipeline
 * with its credentials) for every turn, even when the turn sends nothing through them, as a card
 * button press usually does: ~5% of the bot's CPU in `npm run bench`. They hold no state of the
 * turn, so they are made once per app id (and service URL and audience) and reused, as
 * botbuilder's older BotFrameworkAdapter did; their credentials renew their own tokens.
 */
class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  override createUserTokenClient(claims: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.userTokenClients, appIdOf(claims), () => super.createUserTokenClient(claims));
  }
}

/** CloudAdapter with its request pipeline opened up, so our endpoint owns parsing and errors. */
export class DareCoachAdapter extends CloudAdapter {
  private readonly connectorClients = new Map<string, Promise<ConnectorClient>>();

  /**
   * Authenticates `authHeader` (when an app id is set) and runs the turn; resolves the invoke
   * response. Any failure while checking the token rejects with AuthenticationRefused: the token
   * libraries throw assorted errors for forged tokens (alg "none", HS256 signed with the public
   * key, an unknown key id) and none of them is a fault of ours.
   */
  async runActivity(
    authHeader: string,
    activity: Activity,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    let authenticated: Awaited<
      ReturnType<typeof this.botFrameworkAuthentication.authenticateRequest>
    >;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(
        activity,
        authHeader,
      );
    } catch {
      throw new AuthenticationRefused('authentication failed');
    }
    return this.processActivity(this.reusingConnectors(authenticated), activity, logic);
  }

  /** The request's connector factory, answering from the clients made for earlier turns. */
  private reusingConnectors(authenticated: Authenticated): Authenticated {
    const factory = authenticated.connectorFactory;
    if (!factory) return authenticated;
    const app = appIdOf(authenticated.claimsIdentity);
    const reused: ConnectorFactory = {
      create: (serviceUrl: string, audience?: string) =>
        reuse(this.connectorClients, `${app}\n${serviceUrl}\n${audience ?? ''}`, () =>
          factory.create(serviceUrl, audience),
        ),
    };
    return { ...authenticated, connectorFactory: reused };
  }
}

/**
 * The Bot Framework adapter: validates the caller's token on every request (when an app id is
 * set), runs the middleware in order, and answers any turn that fails with plain next steps.
 */
export function createAdapter(
  config: AppConfig,
  logger: Logger,
  middleware: readonly Middleware[],
  failureCard?: (err: unknown) => CardJson,
): DareCoachAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
  };
  const adapter = new DareCoachAdapter(new ReusedClientsAuthentication(options));
  for (const m of middleware) adapter.use(m);

  adapter.onTurnError = turnErrorHandler(logger, failureCard);
  return adapter;
}

/**
 * What a failed invoke answers, in the form its client expects: a card for a card button
 * (without one, botbuilder would answer 501 with an empty body), a message for a search.
 */
function failedInvokeBody(name: string | undefined, text: string, card: CardJson | undefined) {
  if (name === 'adaptiveCard/action') {
    return card
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
  }
  return { composeExtension: { type: 'message', text } };
}

/**
 * Logs the failure (redacted) and tells the user plainly what to do next, and whether what they
 * did was saved; never the error. `failureCard` draws the card a failed button press shows.
 */
export function turnErrorHandler(
  logger: Logger,
  failureCard?: (err: unknown) => CardJson,
): (turn: TurnContext, err: Error) => Promise<void> {
  return async (turn, err) => {
    logger.error('turn failed', { activityType: turn.activity.type }, err);
    const text = `${failureTextFor(err)} ${safetyLine}`;
    try {
      if (isActivityOf(turn.activity, ActivityTypes.Invoke)) {
        await turn.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: failedInvokeBody(turn.activity.name, text, failureCard?.(err)),
          },
        });
        return;
      }
      await turn.sendActivity(text);
    } catch (sendErr) {
      logger.error(
        'could not tell the user a turn failed',
        { activityType: turn.activity.type },
        sendErr,
      );
    }
  };
}
