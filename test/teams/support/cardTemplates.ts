import fs from 'node:fs';
import path from 'node:path';
import { cardNames, type CardName } from '../../../cards/bind';

/** The raw template JSON of every card, read from cards/ (the bound card alone no longer shows its lists). */
const templates = Object.fromEntries(
  cardNames.map((name) => [name, JSON.parse(fs.readFileSync(path.join(__dirname, '../../../cards', `${name}.json`), 'utf8'))]),
) as Record<CardName, unknown>;

export default templates;
