import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../logging/logger';

/** A file the bot offers: what it is called and what it holds (text). */
export interface OfferedFile {
  readonly name: string;
  readonly content: string;
}

/** Builds the file again when it is accepted (never carried through Teams in the consent card). */
export type FileFor = (tenantId: string, userId: string) => Promise<OfferedFile | undefined>;

/** Where uploads may go: Teams gives an https URL; tests and the sandbox a local one. */
export type UploadUrlCheck = (url: string) => boolean;

export const httpsOnly: UploadUrlCheck = (url) => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Outside production a local upload server (tests) is allowed too. */
export const httpsOrLoopback: UploadUrlCheck = (url) => {
  if (httpsOnly(url)) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
};

const consentContext = z.object({ file: z.literal('confidence-csv') });

/** What Teams sends with an accepted file consent: where to upload and how to show the file. */
const uploadInfo = z.object({
  name: z.string().min(1).max(256),
  uploadUrl: z.string().max(4096),
  contentUrl: z.string().max(4096),
  uniqueId: z.string().max(512).optional(),
  fileType: z.string().max(64).optional(),
});

/**
 * Files the bot sends the Teams way, in the personal chat: a file consent card; when the person
 * accepts, the bytes go to the upload URL Teams gives (PUT with Content-Range), then a file info
 * card shows the file in the chat. The file is built again from the store at that point, so
 * nothing of it travels through the consent card.
 */
export class FileExports {
  constructor(
    private readonly fileFor: FileFor,
    private readonly allowedUploadUrl: UploadUrlCheck,
    private readonly logger: Logger,
  ) {}

  async offer(turn: TurnContext, file: OfferedFile): Promise<void> {
    const context = { file: 'confidence-csv' };
    await turn.sendActivity({
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.consent',
          name: file.name,
          content: {
            description: 'Team confidence figures (aggregates only, no one’s own answers)',
            sizeInBytes: Buffer.byteLength(file.content, 'utf8'),
            acceptContext: context,
            declineContext: context,
          },
        },
      ],
    });
  }

  async accept(
    turn: TurnContext,
    tenantId: string,
    userId: string,
    response: FileConsentCardResponse,
  ): Promise<void> {
    const info = uploadInfo.safeParse(response.uploadInfo);
    if (!consentContext.safeParse(response.context).success || !info.success) {
      this.logger.warn('file consent not understood', {});
      await turn.sendActivity(
        'That file is no longer available. Ask for it again from the team figures.',
      );
      return;
    }
    if (!this.allowedUploadUrl(info.data.uploadUrl)) {
      this.logger.warn('file upload address refused', {});
      await turn.sendActivity(
        'The file could not be saved. Ask for it again from the team figures.',
      );
      return;
    }
    const file = await this.fileFor(tenantId, userId);
    if (!file) {
      await turn.sendActivity('Team figures are for team managers your council has named.');
      return;
    }
    const bytes = Buffer.from(file.content, 'utf8');
    const uploaded = await fetch(info.data.uploadUrl, {
      method: 'PUT',
      headers: {
        'Content-Length': String(bytes.length),
        'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
      },
      body: bytes,
      redirect: 'error',
    });
    if (!uploaded.ok) {
      this.logger.warn('file upload failed', { httpStatus: uploaded.status });
      await turn.sendActivity('The file could not be saved to your OneDrive. Please try again.');
      return;
    }
    await turn.sendActivity({
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.info',
          contentUrl: info.data.contentUrl,
          name: info.data.name,
          content: { uniqueId: info.data.uniqueId, fileType: info.data.fileType ?? 'csv' },
        },
      ],
    });
    this.logger.info('file uploaded', {});
  }

  async decline(turn: TurnContext): Promise<void> {
    await turn.sendActivity('No file was sent.');
  }
}
