import { z } from 'zod';
import type { DataProtectionAdmin } from './dataProtectionAdmin';

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
