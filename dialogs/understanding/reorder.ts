import { fold } from './text';

/**
 * "dasselbe wie letztes Mal", "nochmal wie bei Auftrag 1004", "wie immer", "same as last time", "the usual",
 * "repeat order 1004": the customer wants an earlier order again. Matched on folded text (ä→ae, lower case).
 */
const reorderPatterns = [
  /\b(?:dasselbe|das\s*selbe|das\s+gleiche|dasgleiche|genau\s+das|genauso|die\s+gleiche\s+bestellung|den\s+gleichen\s+auftrag)\b.*\bwie\b/,
  /\bwie\s+(?:letztes|das\s+letzte|beim\s+letzten|bei\s+der\s+letzten|letzte\s+woche|letzten\s+monat|immer|gehabt|sonst|ueblich|gewohnt)\b/,
  /\b(?:noch\s*mal|nochmals|erneut|wieder)\s+(?:das\s+gleiche\s+|dasselbe\s+|genau\s+)?wie\b/,
  /\bwie\s+(?:bei|in)\s+(?:auftrag|bestellung)\b/,
  /\b(?:bestellung|auftrag)\s+(?:\S+\s+)?(?:wiederholen|noch\s*mal|nochmals|erneut)\b/,
  /\b(?:letzte|vorige)\s+bestellung\s+(?:noch\s*mal|nochmals|wiederholen|erneut)\b/,
  /\bsame\s+(?:again|as\s+(?:last|before|usual|the\s+last|order|in\s+order)|order|thing\s+as|as\s+always)\b/,
  /\bthe\s+usual\b/,
  /\b(?:like|as)\s+(?:last\s+time|before|usual|always|the\s+last\s+(?:one|order|time))\b/,
  /\brepeat\s+(?:the\s+|my\s+|our\s+|that\s+)?(?:last\s+|previous\s+)?order\b/,
  /\border\s+(?:\S+\s+)?again\b/,
  /^\s*reorder\b/,
];

export function asksReorder(text: string): boolean {
  const t = fold(text);
  return reorderPatterns.some((re) => re.test(t));
}
