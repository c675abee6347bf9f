import type { Product, Resource } from '../domain/catalog';
import type { Company, Customer, Role } from '../domain/parties';

/** Demo data for the embedded default: one seller, three customer accounts, six people, the catalog. */

export const company: Company = {
  name: 'Bürowerk GmbH',
  address: { name: 'Bürowerk GmbH', street: 'Friedrichstraße 100', postcode: '10117', city: 'Berlin', country: 'DE' },
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001',
};

/** What the seller's documents show besides the parties' Company: letterhead, register, bank and contact. */
export const companyDocuments = {
  register: { court: 'Amtsgericht Charlottenburg', number: 'HRB 123456 B' },
  managingDirectors: ['Katrin Weiß'],
  bankName: 'Deutsche Kreditbank Berlin',
  contact: { name: 'Buchhaltung', phone: '+49 30 1234567', email: 'rechnung@buerowerk.example', website: 'www.buerowerk.example' },
  smallBusiness: false,
};

/** Where each account's e-invoices go (BT-49); public-sector buyers would also carry a Leitweg-ID. */
export const customerEmails: Record<string, string> = {
  '10001': 'einkauf@muellerbau.example',
  '10002': 'kasse@cafe-sonnenschein.example',
  '10003': 'anna.schmidt@example.org',
};

export type SeedCustomer = Omit<Customer, 'id'>;

export const customers: SeedCustomer[] = [
  {
    number: '10001',
    name: 'Müller Bau GmbH',
    kind: 'b2b',
    address: { name: 'Müller Bau GmbH', street: 'Hauptstraße 12', postcode: '10827', city: 'Berlin', country: 'DE' },
    paymentTermsDays: 14,
    creditLimitCents: 500_000,
    vatId: 'DE811111111',
  },
  {
    number: '10002',
    name: 'Café Sonnenschein',
    kind: 'b2b',
    address: { name: 'Café Sonnenschein', street: 'Kastanienallee 7', postcode: '10435', city: 'Berlin', country: 'DE' },
    paymentTermsDays: 30,
    creditLimitCents: 100_000,
    vatId: null,
  },
  {
    number: '10003',
    name: 'Anna Schmidt',
    kind: 'b2c',
    address: { name: 'Anna Schmidt', street: 'Lindenweg 3', postcode: '14482', city: 'Potsdam', country: 'DE' },
    paymentTermsDays: 14,
    creditLimitCents: null,
    vatId: null,
  },
];

export interface SeedPerson {
  demoId: string;
  displayName: string;
  role: Role;
  customerNumber: string | null;
  /** A Teams user with this e-mail or UPN is linked to the person on first contact. */
  email: string;
}

export const people: SeedPerson[] = [
  { demoId: 'demo-mueller', displayName: 'Peter Müller', role: 'customer', customerNumber: '10001', email: 'peter.mueller@mueller-bau.example' },
  { demoId: 'demo-cafe', displayName: 'Aylin Demir', role: 'customer', customerNumber: '10002', email: 'aylin.demir@cafe-sonnenschein.example' },
  { demoId: 'demo-schmidt', displayName: 'Anna Schmidt', role: 'customer', customerNumber: '10003', email: 'anna.schmidt@example.net' },
  { demoId: 'demo-sales', displayName: 'Sabine Vogel', role: 'sales', customerNumber: null, email: 'sabine.vogel@buerowerk.example' },
  { demoId: 'demo-accounting', displayName: 'Jonas Becker', role: 'accountant', customerNumber: null, email: 'jonas.becker@buerowerk.example' },
  { demoId: 'demo-admin', displayName: 'Admin', role: 'admin', customerNumber: null, email: 'admin@buerowerk.example' },
  // The service resources' own people (resources.person_id): "meine Termine heute", "1004 erledigt: …".
  { demoId: 'demo-tom', displayName: 'Tom Richter', role: 'technician', customerNumber: null, email: 'tom.richter@buerowerk.example' },
  { demoId: 'demo-lena', displayName: 'Lena Wolf', role: 'technician', customerNumber: null, email: 'lena.wolf@buerowerk.example' },
];

/** Which demo person each person resource is (by demo id). */
export const resourcePeople: Record<string, string> = { 'tom-richter': 'demo-tom', 'lena-wolf': 'demo-lena' };

/** The channels on which demo ids sign in: the local Direct Line channel and the Emulator. */
export const demoChannels = ['directline', 'webchat', 'emulator'];

export const resources: Resource[] = [
  { id: 'lena-wolf', name: 'Lena Wolf', kind: 'person', unitsPerDay: null },
  { id: 'tom-richter', name: 'Tom Richter', kind: 'person', unitsPerDay: null },
  { id: 'van-1', name: 'Servicewagen 1', kind: 'vehicle', unitsPerDay: null },
  { id: 'laser', name: 'Lasergravur', kind: 'machine', unitsPerDay: 20 },
];

const goods = { onHand: 0, restockDate: null, durationMinutes: null, resourceIds: [] as string[] };

export const products: Product[] = [
  {
    ...goods, sku: 'PAPER-A4', kind: 'goods', category: 'paper', onHand: 400,
    name: { de: 'Kopierpapier A4, 80 g, 500 Blatt', en: 'Copy paper A4, 80 gsm, ream of 500' },
    unit: { de: 'Paket', en: 'ream' },
    synonyms: {
      de: ['kopierpapier', 'papier', 'druckerpapier', 'a4 papier', 'paket papier', 'pakete papier', 'packung papier'],
      en: ['copy paper', 'paper', 'printer paper', 'ream of paper', 'reams of paper', 'a4 paper'],
    },
    priceCents: 490, vatRate: 19,
  },
  {
    ...goods, sku: 'TONER-BK', kind: 'goods', category: 'toner', onHand: 25,
    name: { de: 'Toner schwarz', en: 'Black toner cartridge' },
    unit: { de: 'Stück', en: 'piece' },
    synonyms: {
      de: ['toner', 'schwarzer toner', 'schwarze toner', 'tonerkartusche', 'toner schwarz'],
      en: ['toner', 'black toner', 'toner cartridge', 'black toner cartridge'],
    },
    priceCents: 8900, vatRate: 19,
  },
  {
    ...goods, sku: 'TONER-COLOR', kind: 'goods', category: 'toner', onHand: 8,
    name: { de: 'Toner-Farbset C/M/Y', en: 'Colour toner set C/M/Y' },
    unit: { de: 'Set', en: 'set' },
    synonyms: {
      de: ['farbtoner', 'toner farbset', 'farbset', 'bunter toner', 'farbtoner set'],
      en: ['colour toner', 'color toner', 'colour toner set', 'color toner set', 'cmy toner'],
    },
    priceCents: 19900, vatRate: 19,
  },
  {
    ...goods, sku: 'CHAIR-ERGO', kind: 'goods', category: 'furniture', onHand: 12,
    name: { de: 'Bürostuhl Ergo Pro', en: 'Ergo Pro office chair' },
    unit: { de: 'Stück', en: 'piece' },
    synonyms: {
      de: ['bürostuhl', 'bürostühle', 'stuhl', 'stühle', 'drehstuhl', 'schreibtischstuhl'],
      en: ['office chair', 'office chairs', 'chair', 'chairs', 'desk chair'],
    },
    priceCents: 34900, vatRate: 19,
  },
  {
    ...goods, sku: 'DESK-160', kind: 'goods', category: 'furniture', onHand: 5,
    name: { de: 'Schreibtisch höhenverstellbar 160×80', en: 'Standing desk 160×80' },
    unit: { de: 'Stück', en: 'piece' },
    synonyms: {
      de: ['schreibtisch', 'schreibtische', 'tisch', 'stehtisch', 'höhenverstellbarer schreibtisch'],
      en: ['standing desk', 'desk', 'desks', 'sit stand desk', 'height adjustable desk'],
    },
    priceCents: 58900, vatRate: 19,
  },
  {
    ...goods, sku: 'MONITOR-27', kind: 'goods', category: 'it', onHand: 0, restockDate: '2026-12-15',
    name: { de: 'Monitor 27 Zoll', en: '27-inch monitor' },
    unit: { de: 'Stück', en: 'piece' },
    synonyms: {
      de: ['monitor', 'monitore', 'bildschirm', 'bildschirme', '27 zoll monitor'],
      en: ['monitor', 'monitors', 'screen', 'screens', 'display'],
    },
    priceCents: 27900, vatRate: 19,
  },
  {
    ...goods, sku: 'COFFEE-1KG', kind: 'goods', category: 'coffee', onHand: 60,
    name: { de: 'Kaffeebohnen 1 kg', en: 'Coffee beans 1 kg' },
    unit: { de: 'Packung', en: 'bag' },
    synonyms: {
      de: ['kaffee', 'kaffeebohnen', 'bohnen', 'packung kaffee'],
      en: ['coffee', 'coffee beans', 'beans', 'bag of coffee', 'bags of coffee'],
    },
    priceCents: 1890, vatRate: 7,
  },
  {
    ...goods, sku: 'SIGN-ENGRAVED', kind: 'made_to_order', category: 'signs', onHand: null, resourceIds: ['laser'],
    name: { de: 'Türschild, graviert', en: 'Engraved door sign' },
    unit: { de: 'Stück', en: 'piece' },
    synonyms: {
      de: ['türschild', 'türschilder', 'schild', 'schilder', 'namensschild'],
      en: ['door sign', 'door signs', 'sign', 'signs', 'name plate'],
    },
    priceCents: 3900, vatRate: 19,
  },
  {
    ...goods, sku: 'SVC-CONSULT', kind: 'service', category: 'services', onHand: null, durationMinutes: 60, resourceIds: ['lena-wolf'],
    name: { de: 'IT-Beratung', en: 'IT consulting' },
    unit: { de: 'Stunde', en: 'hour' },
    synonyms: {
      de: ['it beratung', 'beratung', 'it-beratung', 'consulting', 'berater'],
      en: ['it consulting', 'consulting', 'consultation', 'it advice', 'consultant'],
    },
    priceCents: 12000, vatRate: 19,
  },
  {
    ...goods, sku: 'SVC-PRINTER', kind: 'service', category: 'services', onHand: null, durationMinutes: 120, resourceIds: ['tom-richter', 'van-1'], onSite: true,
    name: { de: 'Druckerwartung vor Ort', en: 'On-site printer maintenance' },
    unit: { de: 'Einsatz', en: 'visit' },
    synonyms: {
      de: ['druckerwartung', 'wartung', 'drucker wartung', 'druckerservice', 'drucker reparatur'],
      en: ['printer maintenance', 'printer service', 'maintenance', 'printer repair'],
    },
    priceCents: 18000, vatRate: 19,
  },
  {
    ...goods, sku: 'SVC-SETUP', kind: 'service', category: 'services', onHand: null, durationMinutes: 90, resourceIds: ['tom-richter'], onSite: true,
    name: { de: 'Arbeitsplatz-Einrichtung', en: 'Workstation setup' },
    unit: { de: 'Einsatz', en: 'visit' },
    synonyms: {
      de: ['arbeitsplatz einrichtung', 'arbeitsplatzeinrichtung', 'einrichtung', 'pc einrichtung', 'arbeitsplatz einrichten', 'einrichten', 'pcs einrichten', 'rechner einrichten'],
      en: ['workstation setup', 'desk setup', 'setup', 'pc setup', 'workstation installation', 'set up', 'set up pcs'],
    },
    priceCents: 15000, vatRate: 19,
  },
];
