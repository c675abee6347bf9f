import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatIban, registerLine, type CompanyRecord } from '../../domain/company';
import type { Locale } from '../../domain/locale';
import type { Address } from '../../domain/parties';
import { documentTexts } from '../documentTexts';
import type { QrMatrix } from '../epcQr';

/**
 * The one page layout every business document shares (DIN 5008 form B on A4): letterhead, return address line and
 * recipient in the window-envelope field, an information block to the right, title, a table that breaks across
 * pages with its header repeated, totals, notes, an optional payment box with a QR code, and a footer with the
 * company's legal details and "Seite n von m" on every page. The renderers per purpose only fill in a LayoutSpec.
 */

export interface LayoutColumn {
  header: string;
  /** Points; one column has null and takes the remaining width. */
  width: number | null;
  align: 'left' | 'right';
}

export interface LayoutRow {
  cells: string[];
  /** Small grey line below the description (second column): discount, article number. */
  detail: string | null;
}

export interface LayoutTotal {
  label: string;
  value: string;
  strong: boolean;
}

export interface LayoutPayment {
  lines: Array<[string, string]>;
  qr: QrMatrix | null;
  qrCaption: string;
}

export interface LayoutSpec {
  locale: Locale;
  /** PDF metadata title and the continuation header: "Rechnung RE-2026-0004". */
  title: string;
  /** Fixed creation date (the issue date) so the same document renders the same bytes. */
  createdAt: Date;
  seller: CompanyRecord;
  recipient: Address;
  info: Array<[string, string]>;
  salutation: string | null;
  intro: string;
  columns: LayoutColumn[];
  rows: LayoutRow[];
  totals: LayoutTotal[];
  paragraphs: string[];
  payment: LayoutPayment | null;
  /** Delivery notes: a line to sign on receipt. */
  signature: string | null;
}

let fonts: { regular: Buffer; semibold: Buffer } | null = null;

/**
 * Inter (SIL Open Font License), the complete Google Fonts TrueType files (Latin with all European accents – ß, €,
 * Ł, ő, č –, Greek, Cyrillic), embedded as subsets: PDF/A needs embedded fonts, and names from any EU country print.
 */
function loadFonts(): { regular: Buffer; semibold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf')),
    semibold: readFileSync(require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf')),
  };
  return fonts;
}

// Geometry in points (1 mm = 2.835 pt).
const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 25 * MM;
const RIGHT = PAGE.width - 20 * MM;
const WIDTH = RIGHT - LEFT;
const FOOTER_TOP = PAGE.height - 28 * MM;
const CONTENT_BOTTOM = FOOTER_TOP - 8;
const INFO_X = 125 * MM;
const COLORS = { text: '#1f2933', muted: '#6b7785', rule: '#cfd6dd', band: '#eef2f5', accent: '#1d4e89' };
const SIZE = { body: 9, small: 7.5, tiny: 6.5, title: 15 };

export async function renderLayout(spec: LayoutSpec): Promise<Buffer> {
  const { regular, semibold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    margins: { top: 0, bottom: 0, left: LEFT, right: PAGE.width - RIGHT },
    bufferPages: true,
    autoFirstPage: false,
    lang: spec.locale === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    info: {
      Title: spec.title,
      Author: spec.seller.name,
      Creator: spec.seller.name,
      Producer: 'Auftragsbot',
      CreationDate: spec.createdAt,
      ModDate: spec.createdAt,
    },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('semibold', semibold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const page = new PageWriter(doc, spec);
  page.first();
  page.table();
  page.totals();
  page.paragraphs();
  page.payment();
  page.signature();
  page.footers();
  doc.end();
  return done;
}

class PageWriter {
  private y = 0;
  private readonly texts;
  private readonly widths: number[];

  constructor(private readonly doc: PDFKit.PDFDocument, private readonly spec: LayoutSpec) {
    this.texts = documentTexts[spec.locale];
    const fixed = spec.columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
    this.widths = spec.columns.map((c) => c.width ?? WIDTH - fixed);
  }

  first(): void {
    const { doc, spec } = this;
    doc.addPage();
    this.letterhead();
    this.foldMarks();
    const s = spec.seller;
    // Return address in the top of the window field (DIN 5008: 45 mm from the top).
    doc.font('regular').fontSize(SIZE.tiny).fillColor(COLORS.muted)
      .text(`${s.name} · ${s.address.street} · ${s.address.postcode} ${s.address.city}`, LEFT, 47 * MM, { width: 85 * MM, lineBreak: false, underline: true });
    const r = spec.recipient;
    const lines = [r.name, r.street, `${r.postcode} ${r.city}`];
    if (r.country.toUpperCase() !== s.address.country.toUpperCase()) lines.push(countryName(r.country, spec.locale));
    doc.font('regular').fontSize(10).fillColor(COLORS.text).text(lines.join('\n'), LEFT, 55 * MM, { width: 85 * MM, lineGap: 1.5 });

    // Information block, right of the window.
    let y = 47 * MM;
    const blockWidth = RIGHT - INFO_X;
    for (const [label, value] of spec.info) {
      doc.font('regular').fontSize(SIZE.small).fillColor(COLORS.muted).text(label, INFO_X, y, { width: blockWidth, lineBreak: false });
      const labelWidth = doc.widthOfString(label);
      // The value takes what the label leaves, so long ones (tracking numbers) stay on one line.
      const valueWidth = blockWidth - Math.max(labelWidth, 22 * MM) - 8;
      doc.font('regular').fontSize(SIZE.body).fillColor(COLORS.text);
      const h = doc.heightOfString(value, { width: valueWidth });
      doc.text(value, RIGHT - valueWidth, y - 0.8, { width: valueWidth, align: 'right' });
      y += Math.max(12, h + 2);
    }

    this.y = Math.max(98 * MM, y + 14);
    doc.font('semibold').fontSize(SIZE.title).fillColor(COLORS.accent).text(spec.title, LEFT, this.y, { width: WIDTH });
    this.y = doc.y + 8;
    doc.font('regular').fontSize(SIZE.body).fillColor(COLORS.text);
    const intro = spec.salutation ? `${spec.salutation}\n\n${spec.intro}` : spec.intro;
    doc.text(intro, LEFT, this.y, { width: WIDTH, lineGap: 1.5 });
    this.y = doc.y + 12;
  }

  private letterhead(): void {
    const { doc, spec } = this;
    const s = spec.seller;
    doc.font('semibold').fontSize(17).fillColor(COLORS.accent).text(s.name, LEFT, 14 * MM, { width: 100 * MM, lineBreak: false });
    const contact = [
      `${s.address.street}, ${s.address.postcode} ${s.address.city}`,
      [s.contact.phone, s.contact.email].filter(Boolean).join(' · '),
      s.contact.website ?? '',
    ].filter(Boolean);
    doc.font('regular').fontSize(SIZE.small).fillColor(COLORS.muted).text(contact.join('\n'), INFO_X - 10 * MM, 13 * MM, { width: RIGHT - INFO_X + 10 * MM, align: 'right', lineGap: 1 });
    doc.moveTo(LEFT, 27 * MM).lineTo(RIGHT, 27 * MM).lineWidth(1.2).strokeColor(COLORS.accent).stroke();
  }

  /** Fold marks at 105 and 210 mm and the punch mark at 148.5 mm (DIN 5008). */
  private foldMarks(): void {
    const { doc } = this;
    doc.lineWidth(0.4).strokeColor(COLORS.rule);
    for (const [y, len] of [[105 * MM, 5 * MM], [148.5 * MM, 7 * MM], [210 * MM, 5 * MM]] as const) {
      doc.moveTo(3 * MM, y).lineTo(3 * MM + len, y).stroke();
    }
  }

  private continuation(): void {
    const { doc, spec } = this;
    doc.addPage();
    doc.font('semibold').fontSize(10).fillColor(COLORS.accent).text(spec.seller.name, LEFT, 14 * MM, { width: WIDTH / 2, lineBreak: false });
    doc.font('regular').fontSize(SIZE.small).fillColor(COLORS.muted).text(spec.title, LEFT + WIDTH / 2, 14.6 * MM, { width: WIDTH / 2, align: 'right', lineBreak: false });
    doc.moveTo(LEFT, 20 * MM).lineTo(RIGHT, 20 * MM).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
    this.y = 26 * MM;
  }

  /** Starts a new page unless `height` still fits. */
  private ensure(height: number): boolean {
    if (this.y + height <= CONTENT_BOTTOM) return false;
    this.continuation();
    return true;
  }

  table(): void {
    if (this.spec.columns.length === 0) return;
    this.tableHeader();
    for (const row of this.spec.rows) {
      const height = this.rowHeight(row);
      if (this.ensure(height)) this.tableHeader();
      this.drawRow(row, height);
    }
    this.y += 6;
  }

  private tableHeader(): void {
    const { doc, spec } = this;
    const height = 17;
    doc.rect(LEFT, this.y, WIDTH, height).fill(COLORS.band);
    let x = LEFT;
    spec.columns.forEach((c, i) => {
      doc.font('semibold').fontSize(SIZE.small).fillColor(COLORS.text)
        .text(c.header, x + 3, this.y + 5, { width: this.widths[i] - 6, align: c.align, lineBreak: false });
      x += this.widths[i];
    });
    this.y += height + 3;
  }

  private rowHeight(row: LayoutRow): number {
    const { doc } = this;
    doc.font('regular').fontSize(SIZE.body);
    let h = Math.max(...row.cells.map((cell, i) => doc.heightOfString(cell, { width: this.widths[i] - 6 })));
    if (row.detail) {
      doc.fontSize(SIZE.small);
      h += doc.heightOfString(row.detail, { width: this.widths[1] - 6 }) + 1;
    }
    return h + 9;
  }

  private drawRow(row: LayoutRow, height: number): void {
    const { doc, spec } = this;
    let x = LEFT;
    row.cells.forEach((cell, i) => {
      doc.font('regular').fontSize(SIZE.body).fillColor(COLORS.text).text(cell, x + 3, this.y + 3, { width: this.widths[i] - 6, align: spec.columns[i].align });
      if (i === 1 && row.detail) {
        doc.fontSize(SIZE.small).fillColor(COLORS.muted).text(row.detail, x + 3, doc.y + 1, { width: this.widths[i] - 6 });
      }
      x += this.widths[i];
    });
    this.y += height;
    doc.moveTo(LEFT, this.y - 2).lineTo(RIGHT, this.y - 2).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
  }

  totals(): void {
    const { doc, spec } = this;
    if (spec.totals.length === 0) return;
    const rowHeight = 14;
    this.ensure(spec.totals.length * rowHeight + 10);
    const x = LEFT + WIDTH * 0.42;
    const width = RIGHT - x;
    for (const t of spec.totals) {
      if (t.strong) {
        doc.moveTo(x, this.y).lineTo(RIGHT, this.y).lineWidth(0.8).strokeColor(COLORS.text).stroke();
        this.y += 3;
      }
      doc.font(t.strong ? 'semibold' : 'regular').fontSize(t.strong ? 10 : SIZE.body).fillColor(COLORS.text);
      doc.text(t.label, x + 3, this.y + 2, { width: width * 0.66, lineBreak: false });
      doc.text(t.value, x + width * 0.62, this.y + 2, { width: width * 0.38 - 3, align: 'right', lineBreak: false });
      this.y += rowHeight + (t.strong ? 2 : 0);
    }
    this.y += 10;
  }

  paragraphs(): void {
    const { doc, spec } = this;
    for (const p of spec.paragraphs) {
      doc.font('regular').fontSize(SIZE.body);
      const h = doc.heightOfString(p, { width: WIDTH, lineGap: 1.5 });
      this.ensure(h + 6);
      doc.fillColor(COLORS.text).text(p, LEFT, this.y, { width: WIDTH, lineGap: 1.5 });
      this.y = doc.y + 6;
    }
  }

  payment(): void {
    const { doc, spec } = this;
    const p = spec.payment;
    if (!p) return;
    const qrSize = p.qr ? 30 * MM : 0;
    const height = Math.max(p.lines.length * 13 + 26, qrSize + 22);
    this.ensure(height + 10);
    const top = this.y + 4;
    doc.roundedRect(LEFT, top, WIDTH, height, 4).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    doc.font('semibold').fontSize(SIZE.body).fillColor(COLORS.accent).text(this.texts.bankDetails, LEFT + 10, top + 9, { lineBreak: false });
    let y = top + 24;
    for (const [label, value] of p.lines) {
      doc.font('regular').fontSize(SIZE.small).fillColor(COLORS.muted).text(label, LEFT + 10, y + 1, { width: 30 * MM, lineBreak: false });
      doc.font('regular').fontSize(SIZE.body).fillColor(COLORS.text).text(value, LEFT + 10 + 30 * MM, y, { width: WIDTH - qrSize - 40 * MM - 20, lineBreak: false });
      y += 13;
    }
    if (p.qr) {
      const x = RIGHT - qrSize - 10;
      this.drawQr(p.qr, x, top + 8, qrSize);
      doc.font('regular').fontSize(SIZE.tiny).fillColor(COLORS.muted)
        .text(p.qrCaption, x - 20 * MM, top + 8 + qrSize + 2, { width: qrSize + 20 * MM, align: 'right', lineBreak: false });
    }
    this.y = top + height + 10;
  }

  /** The QR symbol as vector squares with the quiet zone the standard asks for (4 modules). */
  private drawQr(qr: QrMatrix, x: number, y: number, size: number): void {
    const { doc } = this;
    const module = size / (qr.size + 8);
    doc.rect(x, y, size, size).fill('#ffffff');
    for (let row = 0; row < qr.size; row++) {
      for (let col = 0; col < qr.size; col++) {
        if (qr.dark(col, row)) doc.rect(x + (col + 4) * module, y + (row + 4) * module, module, module);
      }
    }
    doc.fill('#000000');
  }

  signature(): void {
    const { doc, spec } = this;
    if (!spec.signature) return;
    this.ensure(60);
    this.y += 30;
    doc.moveTo(LEFT, this.y).lineTo(LEFT + 90 * MM, this.y).lineWidth(0.6).strokeColor(COLORS.text).stroke();
    doc.font('regular').fontSize(SIZE.small).fillColor(COLORS.muted).text(spec.signature, LEFT, this.y + 3, { width: 120 * MM });
    this.y = doc.y + 6;
  }

  /** Company details and page numbers, written last so "Seite n von m" knows m. */
  footers(): void {
    const { doc, spec } = this;
    const s = spec.seller;
    const t = this.texts;
    const range = doc.bufferedPageRange();
    const columns = [
      [s.name, s.address.street, `${s.address.postcode} ${s.address.city}`, registerLine(s) ?? ''],
      [
        s.managingDirectors.length ? `${t.managingDirectors}: ${s.managingDirectors.join(', ')}` : '',
        s.vatId ? `${t.vatId}: ${s.vatId}` : '',
        s.taxNumber ? `${t.taxNumber}: ${s.taxNumber}` : '',
      ],
      [s.bankName ?? '', s.iban ? `${t.iban}: ${formatIban(s.iban)}` : '', s.bic ? `${t.bic}: ${s.bic}` : ''],
    ].map((c) => c.filter(Boolean).join('\n'));
    const colWidth = WIDTH / 3;
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      doc.moveTo(LEFT, FOOTER_TOP).lineTo(RIGHT, FOOTER_TOP).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
      columns.forEach((text, c) => {
        doc.font('regular').fontSize(SIZE.tiny).fillColor(COLORS.muted).text(text, LEFT + c * colWidth, FOOTER_TOP + 5, { width: colWidth - 6, lineGap: 0.8 });
      });
      doc.font('regular').fontSize(SIZE.small).fillColor(COLORS.text)
        .text(t.page(i + 1, range.count), LEFT, PAGE.height - 9 * MM, { width: WIDTH, align: 'right', lineBreak: false });
    }
  }
}

const countryNames: Record<Locale, Intl.DisplayNames> = {
  de: new Intl.DisplayNames(['de'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

/** DIN 5008: a foreign country is written in capitals on the last address line. */
function countryName(code: string, locale: Locale): string {
  return (countryNames[locale].of(code.toUpperCase()) ?? code).toUpperCase();
}
