import type { ChatFile, ChatFileReader, ReadFileResult } from '../dialogs/chatFiles';

/**
 * Reads a file sent in the chat, and only from where such a file lives: a link into this server's own local
 * Direct Line store for that very conversation, or a Teams file download URL on an allowed host (FILE_DOWNLOAD_HOSTS,
 * default *.sharepoint.com, where OneDrive for Business keeps chat files) of an activity that came from Teams.
 * Never any other URL a message might carry; no redirect off those hosts; bounded in size and time.
 */

export const MAX_CHAT_FILE_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 3;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface AttachmentReaderOptions {
  /** Whether a URL is the own channel's link to a file of that conversation (LocalDirectLine.isOwnAttachmentUrl). */
  isOwnChannelFile: (url: string, conversationId: string) => boolean;
  /** Host names Teams file downloads may come from: exact, or "*.example.com" for its subdomains. */
  downloadHosts: readonly string[];
}

export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return patterns.some((p) => {
    const pattern = p.trim().toLowerCase();
    if (!pattern) return false;
    return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
  });
}

export function attachmentReader(options: AttachmentReaderOptions): ChatFileReader {
  return async (file: ChatFile, activity): Promise<ReadFileResult> => {
    const allowed = (raw: string): boolean => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return false;
      }
      if (file.source === 'channel') return activity.channelId === 'directline' && !!activity.conversation?.id && options.isOwnChannelFile(raw, activity.conversation.id);
      if (activity.channelId !== 'msteams' || url.username || url.password) return false;
      // Plain HTTP only for a loopback host named explicitly (a test's stand-in for SharePoint).
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return false;
      return hostAllowed(url.hostname, options.downloadHosts);
    };
    let url = file.url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!allowed(url)) return { ok: false, reason: 'not_allowed' };
      let res: Response;
      try {
        res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location') && file.source === 'teams') {
        url = new URL(res.headers.get('location')!, url).toString();
        continue;
      }
      if (!res.ok || !res.body) return { ok: false, reason: 'unreachable' };
      if (Number(res.headers.get('content-length') ?? 0) > MAX_CHAT_FILE_BYTES) return { ok: false, reason: 'too_large' };
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.length;
          if (size > MAX_CHAT_FILE_BYTES) return { ok: false, reason: 'too_large' };
          chunks.push(Buffer.from(chunk));
        }
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      return { ok: true, name: file.name, bytes: Buffer.concat(chunks) };
    }
    return { ok: false, reason: 'not_allowed' };
  };
}
