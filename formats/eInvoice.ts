import type { FormatFactoryService, Invoice as En16931Invoice, InvoiceService, Logger } from '@e-invoice-eu/core';
import { compactIban } from '../domain/company';
import type { Invoice, PricedDocument, RateBreakdown } from '../domain/invoice';
import { documentTexts, formatDocumentDate, formatPercent } from './documentTexts';

/**
 * EN 16931 e-invoices through @e-invoice-eu/core: our Invoice is mapped once into the library's semantic model
 * (UBL-shaped JSON) and the library writes the syntax – XRechnung 3.0 in CII for public buyers, Factur-X / ZUGFeRD
 * profile EN 16931 (the same CII XML attached to a PDF/A-3) for everyone else. No XML is written here by hand.
 *
 * A cancellation invoice is type 384 (corrected invoice) with the original as preceding invoice (BG-3) and the
 * original's amounts negated, exactly as its PDF shows them.
 */

export type EInvoiceFormat = 'xrechnung-cii' | 'cii' | 'factur-x-en16931';

const libraryFormat: Record<EInvoiceFormat, string> = {
  'xrechnung-cii': 'XRECHNUNG-CII',
  cii: 'CII',
  'factur-x-en16931': 'Factur-X-EN16931',
};

/** The library logs schema warnings; a renderer stays silent and fails loudly instead. */
const quiet: Logger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** XRechnung (CII syntax) XML, for public-sector buyers (with their Leitweg-ID as buyer reference). */
export async function renderXRechnung(invoice: Invoice): Promise<Buffer> {
  return Buffer.from(await generate(invoice, 'xrechnung-cii'));
}

/** EN 16931 CII XML (the XML inside a Factur-X PDF). */
export async function renderCii(invoice: Invoice): Promise<Buffer> {
  return Buffer.from(await generate(invoice, 'cii'));
}

/**
 * Factur-X / ZUGFeRD 2.x profile EN 16931: the invoice PDF made PDF/A-3 with factur-x.xml attached. The library
 * stamps the current time into the PDF/A metadata, so unlike the plain PDF these bytes differ between runs.
 */
export async function renderFacturX(invoice: Invoice, pdf: Buffer): Promise<Buffer> {
  return Buffer.from(await generate(invoice, 'factur-x-en16931', pdf));
}

/** Which e-invoice a buyer gets: public buyers XRechnung, everyone else ZUGFeRD. */
export function eInvoiceFormatFor(invoice: Pick<PricedDocument, 'buyer'>): 'xrechnung-cii' | 'factur-x-en16931' {
  return invoice.buyer.publicSector ? 'xrechnung-cii' : 'factur-x-en16931';
}

async function generate(invoice: Invoice, format: EInvoiceFormat, pdf?: Buffer): Promise<string | Uint8Array> {
  const service = await invoiceService(invoice);
  return service.generate(toEn16931(invoice, format), {
    format: libraryFormat[format],
    lang: invoice.locale === 'de' ? 'de-de' : 'en-gb',
    noWarnings: true,
    ...(pdf ? { pdf: { buffer: new Uint8Array(pdf), filename: `${invoice.number}.pdf`, mimetype: 'application/pdf' } } : {}),
  });
}

type CiiNode = { [key: string]: CiiNode } | CiiNode[] | string;

/**
 * Two gaps of the library (2.3.4) in its CII writers, closed in the postProcess(cii) hook they all end in, on this
 * service instance only, so the library still writes every element and the official rules pass:
 * - it copies the mandatory UBL currencyID onto line allowance amounts, which CII forbids (CII-DT-031, fatal);
 * - it drops the preceding invoice (BG-3: cac:BillingReference, its issue #455), which a cancellation must name.
 */
async function invoiceService(invoice: Invoice): Promise<InvoiceService> {
  // Loaded on the first e-invoice, not at start: the library holds some 35 MB that a chat turn never needs.
  const { InvoiceService: Service } = await import('@e-invoice-eu/core');
  const service = new Service(quiet);
  const factory = (service as unknown as { formatFactoryService: FormatFactoryService }).formatFactoryService;
  const create = factory.createFormatService.bind(factory);
  factory.createFormatService = (format, logger) => {
    const formatter = create(format, logger) as ReturnType<FormatFactoryService['createFormatService']> & { postProcess?: (cii: CiiNode) => void };
    const postProcess = formatter.postProcess?.bind(formatter);
    if (postProcess) {
      formatter.postProcess = (cii) => {
        postProcess(cii);
        dropLineAllowanceCurrency(cii);
        if (invoice.cancels) addPrecedingInvoice(cii, invoice.cancels);
      };
    }
    return formatter;
  };
  return service;
}

const asList = (n: CiiNode | undefined): CiiNode[] => (n === undefined ? [] : Array.isArray(n) ? n : [n]);
const child = (n: CiiNode | undefined, key: string): CiiNode | undefined => (n && typeof n === 'object' && !Array.isArray(n) ? n[key] : undefined);
const transactionOf = (cii: CiiNode) => child(child(cii, 'rsm:CrossIndustryInvoice'), 'rsm:SupplyChainTradeTransaction');

function dropLineAllowanceCurrency(cii: CiiNode): void {
  for (const item of asList(child(transactionOf(cii), 'ram:IncludedSupplyChainTradeLineItem'))) {
    for (const allowance of asList(child(child(item, 'ram:SpecifiedLineTradeSettlement'), 'ram:SpecifiedTradeAllowanceCharge'))) {
      if (typeof allowance !== 'object' || Array.isArray(allowance)) continue;
      delete allowance['ram:ActualAmount@currencyID'];
      delete allowance['ram:BasisAmount@currencyID'];
    }
  }
}

/** BT-25/BT-26; it is the last element of the settlement our invoices use, so appending keeps the schema order. */
function addPrecedingInvoice(cii: CiiNode, original: { number: string; issueDate: string }): void {
  const settlement = child(transactionOf(cii), 'ram:ApplicableHeaderTradeSettlement');
  if (!settlement || typeof settlement !== 'object' || Array.isArray(settlement) || settlement['ram:InvoiceReferencedDocument']) return;
  settlement['ram:InvoiceReferencedDocument'] = {
    'ram:IssuerAssignedID': original.number,
    'ram:FormattedIssueDateTime': { 'qdt:DateTimeString': original.issueDate.replace(/-/g, ''), 'qdt:DateTimeString@format': '102' },
  };
}

/** "-12.34" from -1234: EN 16931 amounts are decimals with a point and at most two places. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function quantity(q: number): string {
  return String(Number(q.toFixed(4)));
}

type InvoiceBody = En16931Invoice['ubl:Invoice'];
type TaxCategoryNode = { 'cbc:ID': string; 'cbc:Percent': string; 'cac:TaxScheme': { 'cbc:ID': string } };

/** Our invoice in the library's EN 16931 model (business terms BT-… in UBL names). Exported for tests. */
export function toEn16931(invoice: Invoice, format: EInvoiceFormat = 'cii'): En16931Invoice {
  const t = documentTexts[invoice.locale];
  const { seller, buyer, totals } = invoice;
  const eur = 'EUR' as const;
  const category = (r: Pick<RateBreakdown, 'category' | 'rate'>): TaxCategoryNode => ({
    'cbc:ID': r.category,
    'cbc:Percent': String(r.rate),
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  });
  const notes: string[] = invoice.notes.map((n) => t.notes[n]);
  if (invoice.cancels) notes.unshift(t.cancellationOf(invoice.cancels.number, formatDocumentDate(invoice.cancels.issueDate, invoice.locale)));

  const sellerTaxSchemes = [
    ...(seller.vatId ? [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] : []),
    ...(seller.taxNumber ? [{ 'cbc:CompanyID': seller.taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }] : []),
  ];
  const address = (a: typeof seller.address) => ({
    'cbc:StreetName': a.street,
    'cbc:CityName': a.city,
    'cbc:PostalZone': a.postcode,
    'cac:Country': { 'cbc:IdentificationCode': a.country.toUpperCase() },
  });

  const paymentTerms = invoice.dueDate && invoice.paymentTermsDays !== null
    ? invoice.paymentTermsDays > 0
      ? t.paymentTerms(invoice.paymentTermsDays, formatDocumentDate(invoice.dueDate, invoice.locale))
      : t.paymentOnReceipt(formatDocumentDate(invoice.dueDate, invoice.locale))
    : invoice.cancels
      ? t.cancellationSettlement
      : null;

  const buyerReference = buyer.buyerReference ?? (format === 'xrechnung-cii' ? buyer.customerNumber ?? invoice.number : null);

  const body = {
    'cbc:ID': invoice.number,
    'cbc:IssueDate': invoice.issueDate,
    ...(invoice.dueDate ? { 'cbc:DueDate': invoice.dueDate } : {}),
    'cbc:InvoiceTypeCode': invoice.kind === 'cancellation' ? '384' : '380',
    ...(notes.length ? { 'cbc:Note': notes } : {}),
    'cbc:DocumentCurrencyCode': eur,
    ...(buyerReference ? { 'cbc:BuyerReference': buyerReference } : {}),
    ...(invoice.service?.kind === 'period' ? { 'cac:InvoicePeriod': { 'cbc:StartDate': invoice.service.from, 'cbc:EndDate': invoice.service.to } } : {}),
    ...(invoice.orderNumber ? { 'cac:OrderReference': { 'cbc:ID': invoice.orderNumber } } : {}),
    ...(invoice.cancels
      ? { 'cac:BillingReference': [{ 'cac:InvoiceDocumentReference': { 'cbc:ID': invoice.cancels.number, 'cbc:IssueDate': invoice.cancels.issueDate } }] }
      : {}),
    'cac:AccountingSupplierParty': {
      'cac:Party': {
        'cbc:EndpointID': seller.contact.email,
        'cbc:EndpointID@schemeID': 'EM',
        'cac:PartyName': { 'cbc:Name': seller.name },
        'cac:PostalAddress': address(seller.address),
        'cac:PartyTaxScheme': sellerTaxSchemes,
        'cac:PartyLegalEntity': {
          'cbc:RegistrationName': seller.name,
          ...(seller.register ? { 'cbc:CompanyID': seller.register.number } : {}),
        },
        'cac:Contact': { 'cbc:Name': seller.contact.name, 'cbc:Telephone': seller.contact.phone, 'cbc:ElectronicMail': seller.contact.email },
      },
    },
    'cac:AccountingCustomerParty': {
      'cac:Party': {
        ...(buyer.email ? { 'cbc:EndpointID': buyer.email, 'cbc:EndpointID@schemeID': 'EM' } : {}),
        ...(buyer.customerNumber ? { 'cac:PartyIdentification': { 'cbc:ID': buyer.customerNumber } } : {}),
        'cac:PartyName': { 'cbc:Name': buyer.name },
        'cac:PostalAddress': address(buyer.address),
        ...(buyer.vatId ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': buyer.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } } : {}),
        'cac:PartyLegalEntity': { 'cbc:RegistrationName': buyer.name },
      },
    },
    // Always a delivery group: CII requires ApplicableHeaderTradeDelivery even when the service date is a period (BG-14).
    'cac:Delivery': {
      ...(invoice.service?.kind === 'date' ? { 'cbc:ActualDeliveryDate': invoice.service.date } : {}),
      'cac:DeliveryParty': { 'cac:PartyName': { 'cbc:Name': buyer.name } },
    },
    'cac:PaymentMeans': [
      seller.iban
        ? {
            'cbc:PaymentMeansCode': '58',
            'cbc:PaymentMeansCode@name': t.creditTransfer,
            'cbc:PaymentID': invoice.number,
            'cac:PayeeFinancialAccount': {
              'cbc:ID': compactIban(seller.iban),
              'cbc:Name': seller.name,
              ...(seller.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': seller.bic } } : {}),
            },
          }
        : { 'cbc:PaymentMeansCode': '1' },
    ],
    ...(paymentTerms ? { 'cac:PaymentTerms': { 'cbc:Note': paymentTerms } } : {}),
    ...(totals.byRate.some((r) => r.discountCents !== 0)
      ? {
          'cac:AllowanceCharge': totals.byRate
            .filter((r) => r.discountCents !== 0)
            .map((r) => ({
              'cbc:ChargeIndicator': 'false',
              'cbc:AllowanceChargeReasonCode': '95',
              'cbc:AllowanceChargeReason': t.documentDiscount(
                invoice.documentDiscount?.kind === 'percent' ? formatPercent(invoice.documentDiscount.basisPoints, invoice.locale) : null,
                r.rate,
              ),
              ...(invoice.documentDiscount?.kind === 'percent' ? { 'cbc:MultiplierFactorNumeric': String(invoice.documentDiscount.basisPoints / 100) } : {}),
              'cbc:Amount': decimal(r.discountCents),
              'cbc:Amount@currencyID': eur,
              'cbc:BaseAmount': decimal(r.linesNetCents),
              'cbc:BaseAmount@currencyID': eur,
              'cac:TaxCategory': category(r),
            })),
        }
      : {}),
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': decimal(totals.vatCents),
        'cbc:TaxAmount@currencyID': eur,
        'cac:TaxSubtotal': totals.byRate.map((r) => ({
          'cbc:TaxableAmount': decimal(r.netCents),
          'cbc:TaxableAmount@currencyID': eur,
          'cbc:TaxAmount': decimal(r.vatCents),
          'cbc:TaxAmount@currencyID': eur,
          'cac:TaxCategory': {
            ...category(r),
            ...(r.category === 'AE' ? { 'cbc:TaxExemptionReasonCode': 'VATEX-EU-AE', 'cbc:TaxExemptionReason': t.notes.reverse_charge } : {}),
            ...(r.category === 'E' ? { 'cbc:TaxExemptionReason': t.notes.small_business } : {}),
          },
        })),
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': decimal(totals.linesNetCents),
      'cbc:LineExtensionAmount@currencyID': eur,
      'cbc:TaxExclusiveAmount': decimal(totals.netCents),
      'cbc:TaxExclusiveAmount@currencyID': eur,
      'cbc:TaxInclusiveAmount': decimal(totals.grossCents),
      'cbc:TaxInclusiveAmount@currencyID': eur,
      ...(totals.discountCents !== 0 ? { 'cbc:AllowanceTotalAmount': decimal(totals.discountCents), 'cbc:AllowanceTotalAmount@currencyID': eur } : {}),
      'cbc:PayableAmount': decimal(totals.grossCents),
      'cbc:PayableAmount@currencyID': eur,
    },
    'cac:InvoiceLine': invoice.lines.map((l) => ({
      'cbc:ID': String(l.position),
      'cbc:InvoicedQuantity': quantity(l.quantity),
      'cbc:InvoicedQuantity@unitCode': l.unit.code,
      'cbc:LineExtensionAmount': decimal(l.netCents),
      'cbc:LineExtensionAmount@currencyID': eur,
      ...(l.discountCents !== 0
        ? {
            'cac:AllowanceCharge': [
              {
                'cbc:ChargeIndicator': 'false',
                'cbc:AllowanceChargeReasonCode': '95',
                'cbc:AllowanceChargeReason': l.discount?.kind === 'percent' ? `${t.discount} ${formatPercent(l.discount.basisPoints, invoice.locale)}` : t.discount,
                ...(l.discount?.kind === 'percent' ? { 'cbc:MultiplierFactorNumeric': String(l.discount.basisPoints / 100) } : {}),
                'cbc:Amount': decimal(l.discountCents),
                'cbc:Amount@currencyID': eur,
                'cbc:BaseAmount': decimal(l.amountCents),
                'cbc:BaseAmount@currencyID': eur,
              },
            ],
          }
        : {}),
      'cac:Item': {
        'cbc:Name': l.name,
        ...(l.sku ? { 'cac:SellersItemIdentification': { 'cbc:ID': l.sku } } : {}),
        'cac:ClassifiedTaxCategory': category({ category: l.category, rate: l.vatRate }),
      },
      'cac:Price': { 'cbc:PriceAmount': decimal(l.unitPriceCents), 'cbc:PriceAmount@currencyID': eur },
    })),
  };
  return { 'ubl:Invoice': body as unknown as InvoiceBody };
}
