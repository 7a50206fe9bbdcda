import { z } from 'zod';

/** Longest id the bot accepts (conversation, user, tenant, activity ids); Teams' are far shorter. */
export const maxIdLength = 512;
/** Longest locale (BCP 47 tags in practice stay under a dozen characters). */
export const maxLocaleLength = 20;
/** Longest message text: Teams caps a message at about 28 kB. */
export const maxTextLength = 30_000;

const id = z.string().min(1).max(maxIdLength);
const shortName = z.string().max(maxIdLength);

const dateFromString = z.preprocess(
  (v) => (typeof v === 'string' ? new Date(v) : v),
  z.date().optional(),
);

/**
 * Hosts Teams posts from (and where replies go): the Bot Connector's regional endpoints and the
 * sovereign clouds'. In production a service URL elsewhere is refused: replies would carry the
 * bot's token to it.
 */
const teamsServiceHostSuffixes = [
  '.trafficmanager.net',
  '.botframework.com',
  '.teams.microsoft.com',
  '.botframework.azure.us',
  '.botframework.us',
  '.teams.microsoft.us',
] as const;

export function isTeamsServiceUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    teamsServiceHostSuffixes.some((suffix) => url.hostname.endsWith(suffix))
  );
}

/** Outside production any http(s) URL will do (the sandbox and tests reply to localhost). */
function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const account = z
  .object({
    id,
    aadObjectId: id.optional(),
    name: shortName.optional(),
    role: shortName.optional(),
  })
  .passthrough();

const conversation = z
  .object({
    id,
    tenantId: id.optional(),
    conversationType: shortName.optional(),
    isGroup: z.boolean().optional(),
    name: shortName.optional(),
  })
  .passthrough();

const channelData = z
  .object({
    tenant: z.object({ id }).passthrough().optional(),
    team: z.object({ id }).passthrough().optional(),
    channel: z.object({ id }).passthrough().optional(),
  })
  .passthrough();

/**
 * Every activity field the bot reads, typed and bounded, before Bot Framework code sees the
 * request: a wrong type or an oversized value is refused with 400 rather than failing the turn or
 * being stored (conversation references keep ids, the service URL and the locale).
 */
export function incomingActivitySchema(options: { readonly production: boolean }) {
  const serviceUrl = z
    .string()
    .max(2048)
    .refine(options.production ? isTeamsServiceUrl : isHttpUrl, 'not an allowed service URL');
  return z
    .object({
      type: z.string().min(1).max(64),
      id: id.optional(),
      name: shortName.optional(),
      channelId: shortName.optional(),
      serviceUrl: serviceUrl.optional(),
      from: account.optional(),
      recipient: account.optional(),
      conversation: conversation.optional(),
      channelData: channelData.optional(),
      text: z.string().max(maxTextLength).optional(),
      textFormat: shortName.optional(),
      locale: z.string().max(maxLocaleLength).optional(),
      replyToId: id.optional(),
      entities: z.array(z.record(z.string(), z.unknown())).max(64).optional(),
      attachments: z.array(z.record(z.string(), z.unknown())).max(64).optional(),
      timestamp: dateFromString,
      localTimestamp: dateFromString,
      expiration: dateFromString,
    })
    .passthrough()
    .superRefine((activity, context) => {
      // botbuilder reads value.action.type of a card press without checking it is there.
      // The same for a compose-box search's commandId and parameters.
      if (activity.type !== 'invoke') return;
      const schema = invokeValues[activity.name ?? ''];
      if (schema && !schema.safeParse(activity.value).success) {
        context.addIssue({ code: 'custom', message: 'invoke value not understood' });
      }
    });
}

/** The invoke values the bot reads, by invoke name: checked before botbuilder touches them. */
const invokeValues: Record<string, z.ZodType> = {
  'adaptiveCard/action': z.lazy(() => cardActionValue),
  'composeExtension/query': z.lazy(() => messagingExtensionQuery),
  'fileConsent/invoke': z.lazy(() => fileConsentValue),
};

/** An accepted or declined file consent card; where to upload is checked again when used. */
const fileConsentValue = z
  .object({
    type: z.literal('fileUpload'),
    action: z.enum(['accept', 'decline']),
    context: z.unknown().optional(),
    uploadInfo: z
      .object({
        name: z.string().max(256).optional(),
        uploadUrl: z.string().max(4096).optional(),
        contentUrl: z.string().max(4096).optional(),
        uniqueId: z.string().max(512).optional(),
        fileType: z.string().max(64).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const messagingExtensionQuery = z
  .object({
    commandId: z.string().max(64).optional(),
    parameters: z
      .array(z.object({ name: z.string().max(64).optional() }).passthrough())
      .max(16)
      .optional(),
    queryOptions: z.object({}).passthrough().optional(),
  })
  .passthrough();

/** What an Action.Execute press carries; the verb's own data is parsed by its handler. */
const cardActionValue = z
  .object({
    action: z
      .object({
        type: z.string().max(64),
        verb: z.string().max(maxIdLength).optional(),
        id: z.string().max(maxIdLength).optional(),
      })
      .passthrough(),
  })
  .passthrough();
