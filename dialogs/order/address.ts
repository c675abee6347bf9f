import type { Address } from '../../domain/parties';

// "Gartenweg 5a, 10115 Berlin", "Gartenweg 5 10115 Berlin", "10115 Berlin, Gartenweg 5"
const STREET = /([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß.\- ]*?\s+\d+\s?[a-zA-Z]?(?:\s?[-/]\s?\d+[a-zA-Z]?)?)(?=\s*(?:,|$|\s\d{5}\b))/;
const POSTCODE_CITY = /\b(\d{5})\s+([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß.\- ]*[A-Za-zÄÖÜäöüß.])/;
const STREET_WORD = /(stra(ss|ß)e|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|street|road|avenue|lane)\b/i;
const LEAD_IN = /^(?:.*?\b(?:an|nach|to|address|adresse|lieferadresse|liefern|deliver|bitte|please)\b[:\s]+)+/i;
const TAIL = /[\s,.!]+(?:liefern|schicken|senden|bitte|please|instead|stattdessen)?[\s.!]*$/i;

/**
 * Reads the parts of a German postal address that a message contains ("Straße Nr, PLZ Ort").
 * Returns null when the text holds nothing address-like; missing parts stay empty so they can be asked for.
 */
export function parseAddress(text: string, name: string): Address | null {
  const cleaned = text.replace(LEAD_IN, '').replace(TAIL, '').trim();
  const pc = POSTCODE_CITY.exec(cleaned);
  const rest = pc ? (cleaned.slice(0, pc.index) + ' ' + cleaned.slice(pc.index + pc[0].length)).trim() : cleaned;
  const street = STREET.exec(rest.replace(/^[,\s]+|[,\s]+$/g, ''));
  const streetText = street ? street[1].trim() : STREET_WORD.test(rest) ? rest.replace(/[,\s]+$/, '') : '';
  if (!pc && !streetText) return null;
  return {
    name,
    street: streetText,
    postcode: pc ? pc[1] : '',
    city: pc ? pc[2].trim() : '',
    country: 'DE',
  };
}

/** Fills what a follow-up message adds to an address asked back, keeping what was already given. */
export function mergeAddress(earlier: Address, later: Address): Address {
  return {
    name: earlier.name,
    street: later.street || earlier.street,
    postcode: later.postcode || earlier.postcode,
    city: later.city || earlier.city,
    country: earlier.country || later.country,
  };
}
