import type { TurnContext } from 'botbuilder';
import type { StoredConversationRef } from '../data/conversationRefs';

/**
 * What a turn (bot/turnGuard.ts) leaves to be written with its end, together with the record of its activity and the
 * release of its lease (data/turns.ts finishTurn) instead of each by itself: the bot state it saved, and its
 * conversation reference when that changed. A turn that fails writes none of it.
 */
export interface TurnEndWrites {
  /** Bot state by storage key, written unconditionally (as BotState.saveChanges writes it), with its JSON text. */
  states: Map<string, { item: Record<string, unknown>; text?: string }>;
  conversationRef: Omit<StoredConversationRef, 'updatedAt'> | null;
  /** Called once the end is written: what remembers that a write happened waits for it. */
  written: (() => void)[];
}

const KEY = Symbol('turn end writes');

/** The writes the running turn collects for its end; undefined where everything writes by itself. */
export function turnEndWritesOf(context: TurnContext): TurnEndWrites | undefined {
  return context.turnState.get(KEY);
}

export function collectTurnEndWrites(context: TurnContext): TurnEndWrites {
  const writes: TurnEndWrites = { states: new Map(), conversationRef: null, written: [] };
  context.turnState.set(KEY, writes);
  return writes;
}

/** From here on (onTurnError after a failed turn) everything writes by itself again. */
export function stopCollectingTurnEndWrites(context: TurnContext): void {
  context.turnState.delete(KEY);
}
