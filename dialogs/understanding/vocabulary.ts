/**
 * Closed-class words the recognizer needs besides the catalog, as simplified forms (see text.simplify).
 * Kept in one place so that extending the recognizer's vocabulary is a data change.
 */

/** Packaging and counting words that may stand between a quantity and a product ("10 Pakete Papier"). */
export const unitWords = [
  'stuck', 'stk', 'paket', 'pakete', 'packung', 'packungen', 'packchen', 'karton', 'kartons', 'kiste', 'kisten', 'set',
  'sets', 'einheit', 'einheiten', 'exemplar', 'exemplare', 'mal',
  'piece', 'pieces', 'pcs', 'ream', 'reams', 'bag', 'bags', 'box', 'boxes', 'pack', 'packs', 'packet', 'packets',
  'carton', 'cartons', 'unit', 'units', 'of', 'x',
];

/** Words that never name a product and are never fuzzily matched to one. */
export const stopWords = [
  'bitte', 'danke', 'und', 'oder', 'noch', 'auch', 'dann', 'die', 'der', 'das', 'den', 'dem', 'des', 'fur', 'mit',
  'von', 'bis', 'am', 'um', 'zum', 'zur', 'ich', 'wir', 'sie', 'uns', 'mir', 'mein', 'meine', 'meinen', 'unser',
  'unsere', 'unseren', 'hallo', 'gerne', 'gern', 'weitere', 'neue', 'neuen', 'dazu', 'insgesamt', 'so', 'ca', 'etwa',
  'please', 'and', 'or', 'the', 'for', 'with', 'by', 'to', 'on', 'at', 'me', 'us', 'my', 'our', 'thanks', 'more',
  'then', 'also', 'be', 'an', 'a', 'is', 'am', 'are', 'new', 'another', 'about', 'some', 'total', 'those', 'these', 'them', 'it',
];

/** German compound heads meaning "appointment for": "Wartungstermin" names the maintenance service. */
export const appointmentHeads = ['termin', 'termine', 'einsatz', 'besuch'];

/**
 * Words that may stand between a product and a quantity written after it: fillers ("Kaffee, so 4 Packungen",
 * "then 2 please") and a request in between ("Kaffee, schicken Sie uns 6 Packungen", "coffee, send 6 bags").
 */
export const trailingWords = [
  'dann', 'so', 'bitte', 'davon', 'ca', 'etwa', 'insgesamt', 'then', 'please', 'about', 'around',
  'schick', 'schicke', 'schicken', 'schickt', 'sende', 'senden', 'sendet', 'liefer', 'liefern', 'liefert',
  'bringen', 'bringt', 'brauche', 'brauchen', 'nehme', 'nehmen', 'sie', 'uns', 'mir', 'wir', 'ich',
  'send', 'ship', 'deliver', 'bring', 'need', 'want', 'take', 'get', 'us', 'me', 'we', 'i',
  // A new quantity for the product named ("Papier bitte auf 8 Pakete erhöhen", "change the paper to 8 reams").
  'auf', 'to',
];

/**
 * Words that can follow a number without naming a product: order verbs at the end of a German sentence
 * ("Ich möchte etwas bestellen", "wir wollen 5 kaufen") and generic nouns ("ein paar Sachen", "a few things").
 * They never become an unknown product to ask about.
 */
export const requestWords = [
  'bestellen', 'bestelle', 'bestellt', 'bestellung', 'nachbestellen', 'ordern', 'kaufen', 'haben', 'bekommen',
  'nehmen', 'brauchen', 'liefern', 'schicken', 'senden', 'buchen', 'sachen', 'dinge', 'artikel', 'produkte', 'waren',
  'zeug', 'etwas', 'was', 'order', 'ordering', 'buy', 'purchase', 'get', 'have', 'need', 'want', 'take', 'things',
  'stuff', 'items', 'products', 'something', 'anything',
  // Verbs of a change ("auf 8 erhöhen", "reduce to 3").
  'erhohen', 'reduzieren', 'verringern', 'andern', 'aendern', 'korrigieren', 'increase', 'reduce', 'decrease',
  'change', 'raise', 'lower', 'update', 'adjust',
  // Urgency and politeness after a quantity ("12 reams asap", "5 Stück dringend").
  'asap', 'urgent', 'urgently', 'dringend', 'sofort', 'schnell', 'eilig', 'pls', 'plz', 'pliz', 'bitteschon', 'thx',
];

/** Words that may surround a bare quantity answer ("lieber 3", "make it 3", "5 Stück bitte", "just five"). */
export const quantityFillers = [
  'bitte', 'dann', 'nur', 'einfach', 'davon', 'insgesamt', 'es', 'das', 'sagen', 'wir', 'ja', 'ok', 'okay',
  'please', 'then', 'just', 'only', 'it', 'that', 'total', 'in', 'let', 's', 'say', 'yes',
  'ach', 'oh', 'ah', 'hm', 'hmm', 'auf', 'andere', 'andern', 'mach', 'mache', 'machen', 'draus', 'daraus', 'to', 'well',
  // "not 3 but 5": the old value is hidden, "but" is left over.
  'but', 'make',
];
