/**
 * Files sent in the chat: Web Chat's through the Direct Line channel (an attachment with a contentUrl into the
 * channel's store) and Teams' (a personal-chat file arrives as `application/vnd.microsoft.teams.file.download.info`
 * with `content.downloadUrl`). Cards, Teams' HTML copy of the message and inline images are not files.
 */

export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface ChatFile {
  name: string | null;
  url: string;
  /** Where it came from, which decides where it may be read (bot/attachmentFiles.ts). */
  source: 'channel' | 'teams';
}

export type ReadFileResult =
  | { ok: true; name: string | null; bytes: Buffer }
  | { ok: false; reason: 'not_allowed' | 'too_large' | 'unreachable' };

/** Reads one chat file's content; injected by the host (bot/), which knows which URLs are its own or allowed. */
export type ChatFileReader = (file: ChatFile, activity: { channelId?: string; conversation?: { id?: string } }) => Promise<ReadFileResult>;

export function chatFilesOf(activity: { attachments?: unknown }): ChatFile[] {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  const files: ChatFile[] = [];
  for (const a of attachments as Record<string, any>[]) {
    if (!a || typeof a !== 'object') continue;
    const type = String(a.contentType ?? '');
    const name = typeof a.name === 'string' ? a.name : null;
    if (type === TEAMS_FILE_DOWNLOAD_INFO) {
      if (typeof a.content?.downloadUrl === 'string') files.push({ name, url: a.content.downloadUrl, source: 'teams' });
      continue;
    }
    if (type.startsWith('application/vnd.microsoft.') || type === 'text/html' || typeof a.contentUrl !== 'string') continue;
    files.push({ name, url: a.contentUrl, source: 'channel' });
  }
  return files;
}
