import { fold } from './text';

/** A wished start time ("um 14 Uhr", "at 2pm", "gegen halb drei", "früh morgens") on the Berlin wall clock. */
export interface TimeOfDayFinding {
  /** 'HH:MM' */
  time: string;
  /** "gegen", "around", "früh morgens": near that time rather than at it. */
  approximate: boolean;
  span: [number, number];
}

const hourWords: Record<string, number> = {
  eins: 1, ein: 1, one: 1, zwei: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4, fuenf: 5, five: 5, sechs: 6, six: 6,
  sieben: 7, seven: 7, acht: 8, eight: 8, neun: 9, nine: 9, zehn: 10, ten: 10, elf: 11, eleven: 11, zwoelf: 12, twelve: 12,
};
const HOUR = String.raw`(\d{1,2}|${Object.keys(hourWords).join('|')})`;
const ROUGHLY = /(?:gegen|ungefaehr|etwa|circa|ca\.?|around|about|roughly|approximately)\s+(?:um\s+|at\s+)?$/;

/** A bare hour of a business day: 1–7 mean the afternoon (halb drei = 14:30), 8–12 the morning. */
function businessHour(h: number, meridiem: string | undefined): number | null {
  if (meridiem === 'pm') return h === 12 ? 12 : h + 12;
  if (meridiem === 'am') return h === 12 ? 0 : h;
  if (h >= 13 && h <= 23) return h;
  if (h >= 1 && h <= 7) return h + 12;
  return h >= 0 && h <= 12 ? h : null;
}

function hourOf(word: string): number | null {
  return /^\d/.test(word) ? Number(word) : hourWords[word] ?? null;
}

const clock = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

const patterns: { re: RegExp; read: (m: RegExpExecArray) => { h: number; m: number; approximate?: boolean } | null }[] = [
  // 2pm, 2 p.m., 10am, 2:30pm
  { re: /\b(\d{1,2})(?::([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)(?![\p{L}])/u, read: (m) => {
    const h = businessHour(Number(m[1]), m[3].startsWith('p') ? 'pm' : 'am');
    return h == null || Number(m[1]) > 12 ? null : { h, m: Number(m[2] ?? 0) };
  } },
  // 14:00, 14.30 Uhr, 9:15
  { re: /\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*(uhr|h)?\b(?!\.\d)/, read: (m) => (m[3] || m[0].includes(':') ? { h: Number(m[1]), m: Number(m[2]) } : null) },
  // halb drei → 14:30 (German "half before three")
  { re: new RegExp(String.raw`\bhalb\s+${HOUR}\b`), read: (m) => { const h = hourOf(m[1]); const b = h == null ? null : businessHour(h - 1 === 0 ? 12 : h - 1, undefined); return b == null ? null : { h: b, m: 30 }; } },
  // Viertel nach zwei, Viertel vor drei, quarter past two, quarter to three
  { re: new RegExp(String.raw`\b(?:viertel\s+nach|quarter\s+past)\s+${HOUR}\b`), read: (m) => { const h = hourOf(m[1]); const b = h == null ? null : businessHour(h, undefined); return b == null ? null : { h: b, m: 15 }; } },
  { re: new RegExp(String.raw`\b(?:viertel\s+vor|quarter\s+to)\s+${HOUR}\b`), read: (m) => { const h = hourOf(m[1]); const b = h == null ? null : businessHour(h - 1 === 0 ? 12 : h - 1, undefined); return b == null ? null : { h: b, m: 45 }; } },
  // um 14 Uhr, 14 Uhr, um zwei, at 2, at two o'clock
  { re: new RegExp(String.raw`\b${HOUR}\s*uhr\b`), read: (m) => { const h = hourOf(m[1]); const b = h == null || h > 23 ? null : businessHour(h, undefined); return b == null ? null : { h: b, m: 0 }; } },
  { re: new RegExp(String.raw`\b${HOUR}\s*o'?\s?clock\b`), read: (m) => { const h = hourOf(m[1]); const b = h == null ? null : businessHour(h, undefined); return b == null ? null : { h: b, m: 0 }; } },
  { re: new RegExp(String.raw`\b(?:um|at)\s+${HOUR}(?![\p{L}\d.:])(?!\s*(?:stunde|std|minute|min|hour|hrs?\b|h\b))`, 'u'), read: (m) => { const h = hourOf(m[1]); const b = h == null || h > 23 ? null : businessHour(h, undefined); return b == null ? null : { h: b, m: 0 }; } },
  // Parts of the day with a usual time
  { re: /\bfrueh\s+morgens\b|\bmorgens\s+frueh\b|\bfrueh\s+am\s+morgen\b|\bgleich\s+morgens\b|\bearly\s+(?:in\s+the\s+)?morning\b|\bfirst\s+thing\b/, read: () => ({ h: 8, m: 0, approximate: true }) },
  { re: /\b(?:zur\s+)?mittagszeit\b|\bgegen\s+mittag\b|\bum\s+die\s+mittagszeit\b|\baround\s+noon\b|\bat\s+noon\b|\bmidday\b/, read: () => ({ h: 12, m: 0, approximate: true }) },
  { re: /\bspaet(?:er)?\s+nachmittags?\b|\bam\s+spaeten\s+nachmittag\b|\blate\s+(?:in\s+the\s+)?afternoon\b/, read: () => ({ h: 15, m: 0, approximate: true }) },
];

/** The first wished time of day in a message (German or English), or null. */
export function findTimeOfDay(text: string): TimeOfDayFinding | null {
  const folded = fold(text);
  let best: (TimeOfDayFinding & { index: number }) | null = null;
  for (const { re, read } of patterns) {
    const m = re.exec(folded);
    if (!m) continue;
    const t = read(m);
    if (!t || t.h > 23 || t.m > 59) continue;
    if (best && best.index <= m.index) continue;
    const approximate = t.approximate === true || ROUGHLY.test(folded.slice(0, m.index));
    best = { time: clock(t.h, t.m), approximate, span: [m.index, m.index + m[0].length], index: m.index };
  }
  return best ? { time: best.time, approximate: best.approximate, span: best.span } : null;
}
