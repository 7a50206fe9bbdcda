import { z } from 'zod';
import type { DataProtectionAdmin } from './dataProtectionAdmin';
import { SubjectRequests } from './subjectRequests';

/** A command line the tool cannot run: the message says what to type instead. */
export class UsageError extends Error {}

const guid = z
  .string({ error: 'is required' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID')
  .transform((s) => s.toLowerCase());
const referralId = z
  .string({ error: 'is required' })
  .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be a referral id');

const trailArgs = z.object({ tenant: guid, referral: referralId });
const exportArgs = trailArgs.extend({ actor: guid });
const practitionerArgs = z.object({ tenant: guid, user: guid, actor: guid });
const referenceArgs = z.object({
  tenant: guid,
  actor: guid,
  reference: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200),
});
const tenantArgs = z.object({ tenant: guid });

/** Every command: its arguments' schema and what it does. */
const commands = {
  'access-trail': {
    usage: 'access-trail --tenant <guid> --referral <id>',
    run: (admin: DataProtectionAdmin, raw: unknown) => {
      const a = parse(trailArgs, raw);
      return admin.accessTrail(a.tenant, a.referral);
    },
  },
  'export-referral': {
    usage: 'export-referral --tenant <guid> --referral <id> --actor <your-object-id>',
    run: async (admin: DataProtectionAdmin, raw: unknown) => {
      const a = parse(exportArgs, raw);
      const record = await admin.exportReferral({ objectId: a.actor }, a.tenant, a.referral);
      if (!record) throw new UsageError(`No referral ${a.referral} in tenant ${a.tenant}.`);
      return record;
    },
  },
  'practitioner-export': {
    usage: 'practitioner-export --tenant <guid> --user <object-id> --actor <your-object-id>',
    run: (admin: DataProtectionAdmin, raw: unknown) => {
      const a = parse(practitionerArgs, raw);
      return new SubjectRequests(admin).exportPractitioner({ objectId: a.actor }, a.tenant, a.user);
    },
  },
  'practitioner-erase': {
    usage:
      'practitioner-erase --tenant <guid> --user <object-id> --actor <your-object-id> [--redact-referrer]',
    run: (admin: DataProtectionAdmin, raw: unknown) => {
      const a = parse(
        practitionerArgs.extend({ 'redact-referrer': z.boolean().default(false) }),
        raw,
      );
      return new SubjectRequests(admin).erasePractitioner({ objectId: a.actor }, a.tenant, a.user, {
        redactReferrer: a['redact-referrer'],
      });
    },
  },
  'referral-find': {
    usage:
      'referral-find --tenant <guid> --reference <partnership reference> --actor <your-object-id>',
    run: (admin: DataProtectionAdmin, raw: unknown) => {
      const a = parse(referenceArgs, raw);
      return new SubjectRequests(admin).exportByReference(
        { objectId: a.actor },
        a.tenant,
        a.reference,
      );
    },
  },
  'referral-erase': {
    usage: 'referral-erase --tenant <guid> --referral <id> --actor <your-object-id>',
    run: async (admin: DataProtectionAdmin, raw: unknown) => {
      const a = parse(exportArgs, raw);
      const outcome = await new SubjectRequests(admin).eraseReferralBody(
        { objectId: a.actor },
        a.tenant,
        a.referral,
      );
      if (outcome === 'not-found')
        throw new UsageError(`No referral ${a.referral} in tenant ${a.tenant}.`);
      if (outcome === 'in-delivery') {
        throw new UsageError(
          'The referral is still being delivered: erase it once its status is final.',
        );
      }
      return { referralId: a.referral, outcome };
    },
  },
  'subject-requests': {
    usage: 'subject-requests --tenant <guid>',
    run: (admin: DataProtectionAdmin, raw: unknown) =>
      new SubjectRequests(admin).list(parse(tenantArgs, raw).tenant),
  },
} as const;

type CommandName = keyof typeof commands;

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new UsageError(
    result.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('; '),
  );
}

export const usage = (): string =>
  ['usage: dataRequest <command> ...', ...Object.values(commands).map((c) => `  ${c.usage}`)].join(
    '\n',
  );

/** Runs one command with parsed command-line values; what it returns is printed as JSON. */
export async function runDataCommand(
  admin: DataProtectionAdmin,
  name: string | undefined,
  values: Record<string, unknown>,
): Promise<unknown> {
  if (name === undefined || !Object.hasOwn(commands, name)) throw new UsageError(usage());
  return commands[name as CommandName].run(admin, values);
}
