import { bindCard, cardNames, type CardName } from '../../cards/bind';
import cardTemplates from './support/cardTemplates';

/**
 * Teams refuses an Adaptive Card over about 28 KB and a message over about 100 KB. Every template is bound with
 * large sample data made from the template itself: every field a long German text with umlauts, every list as long
 * as the bot ever makes one (25 entries, more than any list the bot makes; lists inside list entries, the catalog's
 * products per category, 10 × 6), each entry's fields long too.
 */
const CARD_LIMIT = 28 * 1024;
const MESSAGE_LIMIT = 100 * 1024;
const LIST_LENGTH = 25;
/** Lists inside list entries (the catalog's products per category): 10 × 6 entries. */
const OUTER_LENGTH = 10;
const INNER_LENGTH = 6;
const LONG = 'Schreibtisch höhenverstellbar 160×80 · Müller Bau'; // 49 characters, longer than most fields

/** Sample data for a template: `${name}` → a long text, `"$data": "${list}"` → LIST_LENGTH entries of the same kind. */
function sampleFor(template: unknown): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const visit = (node: unknown, into: Record<string, unknown>, depth = 0) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, into, depth));
    if (typeof node === 'string') {
      for (const [, path] of node.matchAll(/\$\{([A-Za-z_][\w.]*)\}/g)) {
        const [head] = path.split('.');
        if (head !== '$data' && head !== '$root' && !(head in into)) into[head] = LONG;
      }
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const list = typeof element.$data === 'string' ? /^\$\{([A-Za-z_]\w*)\}$/.exec(element.$data)?.[1] : undefined;
    if (list) {
      const item: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(element)) if (key !== '$data') visit(value, item, depth + 1);
      const entry = Object.keys(item).length ? item : LONG;
      const nested = Object.values(item).some(Array.isArray);
      const length = depth > 0 ? INNER_LENGTH : nested ? OUTER_LENGTH : LIST_LENGTH;
      into[list] = Array.from({ length }, () => (typeof entry === 'string' ? entry : { ...entry }));
      return;
    }
    for (const value of Object.values(element)) visit(value, into, depth);
  };
  visit(template, data);
  return data;
}

/**
 * Known to be too big with such data (found by this test; the cards' owners page them): the catalog with 60 products
 * (about 35 KB: it needs pages or one card per category) and the staff order card with 25 lines and 25 history
 * entries (about 36 KB: it needs the newest history entries only), and the day plan with many resources and visits
 * (about 43 KB: it needs one card per resource). `it.failing` turns green into red once they fit,
 * so they move to the list above.
 */
const knownTooBig: CardName[] = [];

function checkFits(name: CardName): void {
  const card = bindCard(name, sampleFor(cardTemplates[name]));
  const bytes = Buffer.byteLength(JSON.stringify(card.content), 'utf8');
  expect(bytes).toBeGreaterThan(0);
  expect(bytes).toBeLessThan(CARD_LIMIT);
  const message = { type: 'message', text: LONG, attachments: [card] };
  expect(Buffer.byteLength(JSON.stringify(message), 'utf8')).toBeLessThan(MESSAGE_LIMIT);
}

describe('cards fit into Teams', () => {
  it.each(cardNames.filter((n) => !knownTooBig.includes(n)))('%s stays under 28 KB with large data', (name) => checkFits(name));
  it.failing.each(knownTooBig)('%s does not fit yet with large data (known)', (name) => checkFits(name));
});
