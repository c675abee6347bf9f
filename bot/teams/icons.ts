import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** Teams' icon sizes: a 192 px full-colour icon and a 32 px white-on-transparent outline. */
export const iconSizes = { color: 192, outline: 32 } as const;
export type IconKind = keyof typeof iconSizes;

const iconDir = path.resolve(__dirname, 'icons');

/** Renders the icon's SVG source (bot/teams/icons/<kind>.svg) to a PNG of the size Teams requires. */
export function renderIcon(kind: IconKind): Buffer {
  const svg = fs.readFileSync(path.join(iconDir, `${kind}.svg`));
  return new Resvg(svg, { fitTo: { mode: 'width', value: iconSizes[kind] }, font: { loadSystemFonts: false } }).render().asPng();
}
