import {
  start as startIntake,
  type PartnershipIntake,
} from '../../../src/dev/partnershipIntake/intakeServer';
import {
  startEmbeddedCosmos,
  type EmbeddedCosmos,
} from '../../../src/storage/cosmos/embeddedCosmos';
import { startBot, type BotProcess } from './botProcess';
import { startConnector, type Connector } from './connector';
import { startFaultProxy, type FaultProxy } from './faultProxy';

export const partnershipSecret = 'reliability-secret-reliability-secret-01';

/**
 * Everything a scenario runs against, each a real server on loopback: the Cosmos-protocol server
 * (@zeit/cosmosdb-server, started here), the fault proxy in front of it, the connector the bot
 * replies to, the partnership intake receiver, and the bot itself as its own process.
 */
export class Stack {
  bot: BotProcess | undefined;
  private constructor(
    readonly cosmos: EmbeddedCosmos,
    readonly proxy: FaultProxy,
    readonly connector: Connector,
    public intake: PartnershipIntake,
    readonly database: string,
  ) {}

  static async start(database: string): Promise<Stack> {
    const cosmos = await startEmbeddedCosmos();
    const proxy = await startFaultProxy(cosmos.endpoint);
    const connector = await startConnector();
    const intake = await startIntake({ secret: partnershipSecret, port: 0 });
    return new Stack(cosmos, proxy, connector, intake, database);
  }

  botEnv(): Record<string, string> {
    return {
      COSMOS_ENDPOINT: this.proxy.endpoint,
      COSMOS_KEY: this.cosmos.key,
      COSMOS_DATABASE: this.database,
      PARTNERSHIP_REFERRAL_URL: this.intake.referralUrl,
      PARTNERSHIP_SIGNING_SECRET: partnershipSecret,
    };
  }

  async startBot(): Promise<BotProcess> {
    this.bot = await startBot(this.botEnv());
    return this.bot;
  }

  /** The bot's base URL as it is now (a restarted bot has a new port). */
  readonly base = (): string => {
    if (!this.bot) throw new Error('bot not started');
    return this.bot.base;
  };

  async stop(): Promise<void> {
    await this.bot?.stop();
    await this.intake.stop();
    await this.connector.stop();
    await this.proxy.stop();
    await this.cosmos.stop();
  }
}
