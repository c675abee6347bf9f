import crypto from 'node:crypto';
import { ConnectionStatus, DirectLine } from 'botframework-directlinejs';

/**
 * Microsoft's botframework-directlinejs client, polling a Direct Line server the way Web Chat does, with
 * helpers for tests: send a text, wait for the next bot message that matches, end cleanly.
 *
 *   const chat = connectDirectLine({ baseUrl, token, userId: 'demo-mueller' });
 *   await chat.nextBotMessage((a) => /Willkommen/.test(a.text ?? ''));
 *   await chat.send('Hallo');
 *   const reply = await chat.nextBotMessage();
 *   chat.end();
 */

// botframework-directlinejs makes its requests with XMLHttpRequest, which Node lacks.
if (typeof (globalThis as any).XMLHttpRequest === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (globalThis as any).XMLHttpRequest = require('xhr2');
}

class PollingOnly {
  constructor() {
    throw new Error('this test client polls; it opens no WebSocket');
  }
}

export type ChatActivity = Record<string, any> & { type: string; id?: string; text?: string; from: { id: string; name?: string; role?: string } };

export interface DirectLineClientOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:3978; '/v3/directline' is appended. */
  baseUrl: string;
  /** A token from LocalDirectLine.issueToken (or a conversation-bound one). */
  token: string;
  /** The user id the token was issued for: activities are sent from it, and messages from others count as the bot's. */
  userId: string;
  userName?: string;
  /** Reconnects to an existing conversation instead of starting one. */
  conversationId?: string;
  /** With conversationId: fetch only activities after this watermark. */
  watermark?: string;
  /** Polling interval in ms (default 200, the client's minimum). */
  pollingInterval?: number;
  /** Default timeout for the waiting helpers in ms (default 10000). */
  timeoutMs?: number;
  /** Locale sent with each activity. */
  locale?: string;
}

export interface DirectLineTestClient {
  /** The underlying client, for anything the helpers do not cover. */
  readonly directLine: DirectLine;
  /** Every activity received so far, in order (the user's own echoes included). */
  readonly received: ChatActivity[];
  /** Resolves with the conversation id once the client is online; rejects if it fails to connect. */
  connected(timeoutMs?: number): Promise<string>;
  /** Sends a text message; resolves with the activity id the channel gave it, rejects when the send failed. */
  send(text: string, extra?: Record<string, any>): Promise<string>;
  /** Sends any activity (from and a clientActivityID are filled in unless given). */
  sendActivity(activity: Record<string, any>): Promise<string>;
  /**
   * The next message from the bot that matches (default: any), after the last one this returned.
   * Bot messages that did not match are skipped for later calls too. Rejects after the timeout,
   * listing what arrived.
   */
  nextBotMessage(predicate?: (activity: ChatActivity) => boolean, timeoutMs?: number): Promise<ChatActivity>;
  /** The first received activity of any kind that matches, whether it came already or comes within the timeout. */
  waitFor(predicate: (activity: ChatActivity) => boolean, timeoutMs?: number): Promise<ChatActivity>;
  /** Stops polling and token refreshing; always call it (afterEach/finally). */
  end(): void;
}

export function connectDirectLine(options: DirectLineClientOptions): DirectLineTestClient {
  const timeoutDefault = options.timeoutMs ?? 10_000;
  const directLine = new DirectLine({
    domain: `${options.baseUrl.replace(/\/+$/, '')}/v3/directline`,
    token: options.token,
    conversationId: options.conversationId,
    watermark: options.watermark,
    webSocket: false,
    pollingInterval: options.pollingInterval ?? 200,
    // Referenced even when polling; Node 20 has no global WebSocket.
    WebSocket: PollingOnly,
  } as any);
  const received: ChatActivity[] = [];
  const listeners = new Set<() => void>();
  let botCursor = 0;
  let ended = false;

  const notify = () => listeners.forEach((listener) => listener());
  const activitySubscription = directLine.activity$.subscribe({
    next: (activity) => {
      received.push(activity as unknown as ChatActivity);
      notify();
    },
    error: () => notify(),
  });
  const statusSubscription = directLine.connectionStatus$.subscribe({ next: () => notify() });

  const isBotMessage = (a: ChatActivity) => a.type === 'message' && a.from?.id !== options.userId;

  /** Waits until check() returns a value, re-checking whenever something arrives. */
  function until<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const listener = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (err) {
          finish();
          return reject(err);
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
    });
  }

  const summary = () =>
    received.map((a) => `${a.from?.id}: ${a.type}${a.text !== undefined ? ` "${String(a.text).slice(0, 80)}"` : ''}`).join('; ') || 'nothing';

  const client: DirectLineTestClient = {
    directLine,
    received,

    connected(timeoutMs = timeoutDefault) {
      return until(
        () => {
          const status = directLine.connectionStatus$.getValue();
          if (status === ConnectionStatus.Online) return (directLine as any).conversationId as string;
          if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.Ended) {
            throw new Error(`Direct Line connection ${ConnectionStatus[status]}`);
          }
          return undefined;
        },
        timeoutMs,
        () => 'the Direct Line connection',
      );
    },

    send(text, extra = {}) {
      return client.sendActivity({ type: 'message', text, ...extra });
    },

    sendActivity(activity) {
      if (ended) return Promise.reject(new Error('client ended'));
      const full = {
        ...activity,
        from: activity.from ?? { id: options.userId, name: options.userName },
        ...(options.locale && !activity.locale ? { locale: options.locale } : {}),
        channelData: { clientActivityID: crypto.randomUUID(), ...(activity.channelData ?? {}) },
      };
      return new Promise<string>((resolve, reject) => {
        directLine.postActivity(full as any).subscribe({
          // The client reports a failed send (e.g. 403 or 5xx) as the id "retry", as Web Chat sees it.
          next: (id) => (id === 'retry' ? reject(new Error('send failed')) : resolve(id)),
          error: (err) => reject(new Error(`send failed: ${err?.status ?? err?.message ?? err}`)),
        });
      });
    },

    nextBotMessage(predicate = () => true, timeoutMs = timeoutDefault) {
      return until(
        () => {
          while (botCursor < received.length) {
            const activity = received[botCursor++];
            if (isBotMessage(activity) && predicate(activity)) return activity;
          }
          return undefined;
        },
        timeoutMs,
        () => `a bot message matching ${predicate.toString().slice(0, 120)}; received: ${summary()}`,
      );
    },

    waitFor(predicate, timeoutMs = timeoutDefault) {
      return until(
        () => received.find(predicate),
        timeoutMs,
        () => `an activity matching ${predicate.toString().slice(0, 120)}; received: ${summary()}`,
      );
    },

    end() {
      if (ended) return;
      ended = true;
      activitySubscription.unsubscribe();
      statusSubscription.unsubscribe();
      listeners.clear();
      directLine.end();
    },
  };
  return client;
}

/**
 * Demo sign-in against the real server, as the chat page does it: a token from /api/demo/token, then a Direct Line
 * conversation. Collects the clients so that one end() closes them all.
 */
export function demoChats(baseUrl: () => string) {
  const chats: DirectLineTestClient[] = [];
  return {
    /** Signs the demo user in; unless told otherwise, waits for the welcome, so the next bot message is an answer. */
    async signIn(user: string, locale: string, { skipWelcome = true } = {}): Promise<DirectLineTestClient> {
      const res = await fetch(`${baseUrl()}/api/demo/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, locale }),
      });
      const { token, userId } = (await res.json()) as { token: string; userId: string };
      const chat = connectDirectLine({ baseUrl: baseUrl(), token, userId, locale });
      chats.push(chat);
      await chat.connected();
      if (skipWelcome) await chat.nextBotMessage();
      return chat;
    },
    end(): void {
      chats.splice(0).forEach((c) => c.end());
    },
  };
}

/** Everything the cards of a message say, as one string to match against. */
export const cardsOf = (a: ChatActivity): string => JSON.stringify(a.attachments ?? []);

/** The Action.Submit buttons of a message's cards. */
export const buttonsOf = (a: ChatActivity): any[] => (a.attachments ?? []).flatMap((att: any) => att.content?.actions ?? []);

export const hasButton = (action: string) => (a: ChatActivity): boolean => buttonsOf(a).some((b) => b.data?.action === action);

/** The data of the button with the given action, as Web Chat posts it when the button is clicked. */
export function buttonData(a: ChatActivity, action: string): Record<string, unknown> {
  const found = buttonsOf(a).find((b) => b.data?.action === action);
  if (!found) throw new Error(`no "${action}" button in ${cardsOf(a)}`);
  return found.data;
}
