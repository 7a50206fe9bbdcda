import { z } from 'zod';
import { botCommands } from '../../bot/commands';
import { wordingSearchCommandId, wordingSearchParameter } from '../../bot/messageExtension';

/**
 * Checks that what the manifest shows in Teams is what the bot does: every command in the menus is
 * in `botCommands` (src/bot/commands.ts) for that scope with the same description, every command
 * the bot offers in a scope is in that scope's menu, and the message extension searches wording.
 */

/** The message extension command the bot answers (composeExtension/query with this commandId). */
export { wordingSearchCommandId, wordingSearchParameter };

export interface CommandDefinition {
  readonly command: string;
  readonly description: string;
  readonly scopes: readonly string[];
}

// Only the parts checked here; the JSON schema has already judged the rest.
const manifestCapabilities = z.object({
  bots: z
    .array(
      z.object({
        botId: z.string(),
        scopes: z.array(z.string()),
        commandLists: z
          .array(
            z.object({
              scopes: z.array(z.string()),
              commands: z.array(
                z.object({ title: z.string(), description: z.string().optional() }),
              ),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  composeExtensions: z
    .array(
      z.object({
        botId: z.string().optional(),
        commands: z
          .array(
            z.object({
              id: z.string(),
              type: z.string().default('query'),
              parameters: z.array(z.object({ name: z.string() })).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

type Capabilities = z.infer<typeof manifestCapabilities>;

export function checkCapabilities(
  manifest: unknown,
  commands: readonly CommandDefinition[] = botCommands,
): string[] {
  const parsed = manifestCapabilities.safeParse(manifest);
  if (!parsed.success) return ['bots/composeExtensions cannot be read (see the schema errors)'];
  return [...checkBotCommands(parsed.data, commands), ...checkMessageExtension(parsed.data)];
}

function checkBotCommands(
  { bots }: Capabilities,
  commands: readonly CommandDefinition[],
): string[] {
  const bot = bots[0];
  if (bot === undefined) return ['the manifest declares no bot'];
  const problems: string[] = [];
  const listed = new Map<string, Set<string>>(); // scope → command titles in that scope's menu
  for (const list of bot.commandLists) {
    for (const scope of list.scopes) {
      if (listed.has(scope)) problems.push(`scope ${scope} has more than one command list`);
      if (!bot.scopes.includes(scope))
        problems.push(`a command list is for scope ${scope}, which the bot is not installed in`);
      listed.set(scope, new Set(list.commands.map((c) => c.title)));
      for (const { title, description } of list.commands) {
        const known = commands.find((c) => c.command === title);
        if (known === undefined) {
          problems.push(
            `bot command "${title}" (${scope} menu) is not handled by the bot: it is not in botCommands (src/bot/commands.ts)`,
          );
        } else if (!known.scopes.includes(scope)) {
          problems.push(
            `bot command "${title}" is in the ${scope} menu, but the bot offers it only in: ${known.scopes.join(', ')}`,
          );
        } else if (description !== known.description) {
          problems.push(
            `bot command "${title}" (${scope} menu) should be described as in botCommands: "${known.description}"`,
          );
        }
      }
    }
  }
  for (const command of commands) {
    for (const scope of command.scopes) {
      if (bot.scopes.includes(scope) && !listed.get(scope)?.has(command.command)) {
        problems.push(`bot command "${command.command}" is missing from the ${scope} command list`);
      }
    }
  }
  return problems;
}

function checkMessageExtension({ bots, composeExtensions }: Capabilities): string[] {
  const extension = composeExtensions[0];
  if (extension === undefined)
    return ['the manifest declares no message extension (composeExtensions)'];
  const problems: string[] = [];
  if (extension.botId !== bots[0]?.botId)
    problems.push('the message extension must use the same botId as the bot');
  for (const command of extension.commands) {
    if (command.id !== wordingSearchCommandId) {
      problems.push(
        `message extension command "${command.id}" is not handled by the bot (only "${wordingSearchCommandId}" is)`,
      );
    }
  }
  const search = extension.commands.find((c) => c.id === wordingSearchCommandId);
  if (search === undefined) {
    problems.push(`the message extension has no "${wordingSearchCommandId}" command`);
  } else {
    if (search.type !== 'query')
      problems.push(`"${wordingSearchCommandId}" must be a query command`);
    const names = search.parameters.map((p) => p.name);
    if (names.length !== 1 || names[0] !== wordingSearchParameter) {
      problems.push(
        `"${wordingSearchCommandId}" must take exactly one parameter, "${wordingSearchParameter}"`,
      );
    }
  }
  return problems;
}
