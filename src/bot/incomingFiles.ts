import type { Activity } from 'botbuilder';

/**
 * Teams puts a message's own formatted text in a `text/html` attachment; anything else a person
 * sends (a file from OneDrive or their device, a pasted image) is a file, and the bot takes none.
 */
const messageBodyTypes = new Set(['text/html', 'text/plain']);

export function carriesFiles(activity: Partial<Activity>): boolean {
  return (activity.attachments ?? []).some(
    (a) => typeof a.contentType !== 'string' || !messageBodyTypes.has(a.contentType),
  );
}

export const filesRefusedText =
  'DARE Coach does not take files or pictures, and has not kept the one you sent. Please do not share family details that way: type what you need instead, or use your council’s own case system.';
