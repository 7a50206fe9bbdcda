import { ActivityTypes, type Activity } from 'botbuilder';
import { parseConfig, type AppConfig } from '../../src/config/config';

/** Obviously fake identities: nothing here is a real person or tenant. */
export const fakeTenantId = '00000000-0000-4000-8000-00000000aaaa';
export const otherTenantId = '00000000-0000-4000-8000-00000000bbbb';
export const fakeUser = {
  id: '29:fake-user-id',
  aadObjectId: '00000000-0000-4000-8000-0000000000f1',
  name: 'Testy McFakeface',
};

interface ActivityOptions {
  readonly tenantId?: string;
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  readonly conversationId?: string;
}

function teamsEnvelope(options: ActivityOptions): Partial<Activity> {
  const tenantId = options.tenantId ?? fakeTenantId;
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/emea/',
    from: { ...fakeUser },
    recipient: { id: '28:fake-bot-id', name: 'DARE Coach' },
    conversation: {
      id: options.conversationId ?? 'a:fake-personal-conversation',
      conversationType: options.conversationType ?? 'personal',
      tenantId,
      isGroup: options.conversationType !== undefined && options.conversationType !== 'personal',
      name: '',
    },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-GB',
  };
}

export function aMessage(text: string, options: ActivityOptions = {}): Partial<Activity> {
  return { ...teamsEnvelope(options), type: ActivityTypes.Message, text };
}

/** An `Action.Execute` press, as Teams sends it. */
export function aCardAction(
  verb: string,
  data: unknown = {},
  options: ActivityOptions = {},
): Partial<Activity> {
  return {
    ...teamsEnvelope(options),
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function anInstall(options: ActivityOptions = {}): Partial<Activity> {
  return { ...teamsEnvelope(options), type: ActivityTypes.InstallationUpdate, action: 'add' };
}

/** Settings for tests: development defaults plus what the test names. */
export function aConfig(env: Record<string, string> = {}): AppConfig {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', ...env });
}
