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

type Run = (admin: DataProtectionAdmin) => Promise<unknown>;

/** Every command: its usage line, and how its arguments are checked into a run. */
const commands: Record<string, { readonly usage: string; prepare(raw: unknown): Run }> = {
  'access-trail': {
    usage: 'access-trail --tenant <guid> --referral <id>',
    prepare: (raw) => {
      const a = parse(trailArgs, raw);
      return (admin) => admin.accessTrail(a.tenant, a.referral);
    },
  },
  'export-referral': {
    usage: 'export-referral --tenant <guid> --referral <id> --actor <your-object-id>',
    prepare: (raw) => {
      const a = parse(exportArgs, raw);
      return async (admin) => {
        const record = await admin.exportReferral({ objectId: a.actor }, a.tenant, a.referral);
        if (!record) throw new UsageError(`No referral ${a.referral} in tenant ${a.tenant}.`);
        return record;
      };
    },
  },
  'practitioner-export': {
    usage: 'practitioner-export --tenant <guid> --user <object-id> --actor <your-object-id>',
    prepare: (raw) => {
      const a = parse(practitionerArgs, raw);
      return (admin) =>
        new SubjectRequests(admin).exportPractitioner({ objectId: a.actor }, a.tenant, a.user);
    },
  },
  'practitioner-erase': {
    usage:
      'practitioner-erase --tenant <guid> --user <object-id> --actor <your-object-id> [--redact-referrer]',
    prepare: (raw) => {
      const a = parse(
        practitionerArgs.extend({ 'redact-referrer': z.boolean().default(false) }),
        raw,
      );
      return (admin) =>
        new SubjectRequests(admin).erasePractitioner({ objectId: a.actor }, a.tenant, a.user, {
          redactReferrer: a['redact-referrer'],
        });
    },
  },
  'referral-find': {
    usage:
      'referral-find --tenant <guid> --reference <partnership reference> --actor <your-object-id>',
    prepare: (raw) => {
      const a = parse(referenceArgs, raw);
      return (admin) =>
        new SubjectRequests(admin).exportByReference({ objectId: a.actor }, a.tenant, a.reference);
    },
  },
  'referral-erase': {
    usage: 'referral-erase --tenant <guid> --referral <id> --actor <your-object-id>',
    prepare: (raw) => {
      const a = parse(exportArgs, raw);
      return async (admin) => {
        const outcome = await new SubjectRequests(admin).eraseReferralBody(
          { objectId: a.actor },
          a.tenant,
          a.referral,
        );
        if (outcome === 'not-found') {
          throw new UsageError(`No referral ${a.referral} in tenant ${a.tenant}.`);
        }
        if (outcome === 'in-delivery') {
          throw new UsageError(
            'The referral is still being delivered: erase it once its status is final.',
          );
        }
        return { referralId: a.referral, outcome };
      };
    },
  },
  'subject-requests': {
    usage: 'subject-requests --tenant <guid>',
    prepare: (raw) => {
      const a = parse(tenantArgs, raw);
      return (admin) => new SubjectRequests(admin).list(a.tenant);
    },
  },
};

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

/**
 * Checks a command line before anything is opened: the command's run, or a UsageError saying
 * what to type instead.
 */
export function prepareDataCommand(name: string | undefined, values: Record<string, unknown>): Run {
  const command = name === undefined ? undefined : commands[name];
  if (!command || !Object.hasOwn(commands, name ?? '')) throw new UsageError(usage());
  return command.prepare(values);
}

/** Runs one command with parsed command-line values; what it returns is printed as JSON. */
export async function runDataCommand(
  admin: DataProtectionAdmin,
  name: string | undefined,
  values: Record<string, unknown>,
): Promise<unknown> {
  return prepareDataCommand(name, values)(admin);
}
