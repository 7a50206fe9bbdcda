/**
 * The baseline: a bare botbuilder bot on the project's restify harness (createHttpServer: same
 * body parser, same limits), no bot authentication, in its own process. Messages are echoed; a
 * card button press (Action.Execute) is answered with a one-line card naming the verb.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { createLogger } from '../../../src/logging/logger';
// The server module alone: importing the composition would load the whole app (content, NLP
// model, Cosmos client) into the echo bot and inflate its RSS beside the bot's.
import { createHttpServer, maxRequestBodyBytes } from '../../../src/server/httpServer';
import { answerParent } from './childProcess';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (turn, next) => {
      await turn.sendActivity(`You said: ${turn.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    _turn: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: `You pressed ${value.action?.verb ?? ''}` }],
      } as unknown as AdaptiveCardInvokeResponse['value'],
    };
  }
}

async function main(): Promise<void> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
  const bot = new EchoBot();
  const server = createHttpServer({
    logger: createLogger({ level: 'error' }),
    handleBotRequest: (req, res) => adapter.process(req, res, (turn) => bot.run(turn)),
    checkReadiness: () => Promise.resolve({ ready: true as const }),
    maxBodyBytes: maxRequestBodyBytes,
  });
  const port = await server.listen(0, '127.0.0.1');
  answerParent({}, () => void server.stop(1000).then(() => process.exit(0)));
  process.send?.({ type: 'ready', port });
}

void main();
