import { defineTexts } from '../i18n';

/** Everything the ordering conversation says; the cards get their labels from here too. */
export const orderTexts = defineTexts('order', {
  refusedAccountant: {
    de: 'Als Buchhaltung können Sie leider keine Bestellungen aufgeben. Bitte wenden Sie sich dafür an den Vertrieb.',
    en: 'Sorry, accounting cannot place orders. Please ask the sales team to enter the order.',
  },
  refusedNoAccount: {
    de: 'Ihr Zugang ist noch mit keinem Kundenkonto verknüpft, deshalb kann ich keine Bestellung aufnehmen.',
    en: 'Your access is not linked to a customer account yet, so I cannot take an order.',
  },
  askCustomer: { de: 'Für welchen Kunden ist die Bestellung?', en: 'Which customer is this order for?' },
  retryCustomer: {
    de: 'Diesen Kunden finde ich nicht. Bitte wählen Sie einen aus der Liste oder nennen Sie die Kundennummer.',
    en: 'I cannot find that customer. Please pick one from the list or give the customer number.',
  },
  askWhat: {
    de: 'Was möchten Sie bestellen? Schreiben Sie es einfach (z. B. „5 Pakete Kopierpapier“) oder wählen Sie aus dem Katalog.',
    en: 'What would you like to order? Just write it (e.g. “5 reams of copy paper”) or pick from the catalog.',
  },
  retryWhat: {
    de: 'Ich habe darin keinen Artikel erkannt. Bitte nennen Sie Artikel und Menge oder nutzen Sie den Katalog.',
    en: 'I did not recognise a product there. Please name the product and quantity, or use the catalog.',
  },
  askAmbiguous: { de: 'Welchen „{text}“ meinen Sie?', en: 'Which “{text}” do you mean?' },
  askUnknown: {
    de: '„{text}“ führen wir leider nicht. Ähnliche Artikel – meinten Sie einen davon?',
    en: 'Sorry, we do not carry “{text}”. Similar products – did you mean one of these?',
  },
  notCarried: {
    de: '„{text}“ führen wir leider nicht; den Rest Ihrer Nachricht habe ich übernommen.',
    en: 'Sorry, we do not carry “{text}”; I have taken the rest of your message.',
  },
  skipUnknown: { de: 'Nichts davon', en: 'None of these' },
  retryProduct: {
    de: 'Bitte wählen Sie einen der Artikel aus oder nennen Sie ihn genauer.',
    en: 'Please pick one of the products or name it more precisely.',
  },
  askQuantity: { de: 'Wie viele {what} möchten Sie?', en: 'How many {what} would you like?' },
  retryQuantity: {
    de: 'Bitte nennen Sie eine Menge zwischen 1 und 10.000, z. B. „3“ oder „drei“.',
    en: 'Please give a quantity between 1 and 10,000, e.g. “3” or “three”.',
  },
  quantityRejected: {
    de: 'Diese Menge kann ich für „{name}“ leider nicht übernehmen – es geht nur um ganze Stück.',
    en: 'Sorry, I cannot take that quantity for “{name}” – only whole units are possible.',
  },
  productGone: {
    de: '„{name}“ führen wir leider nicht mehr; ich habe den Artikel aus Ihrer Bestellung genommen.',
    en: 'Sorry, we no longer carry “{name}”; I have taken it out of your order.',
  },
  stockShort: {
    de: 'Von {name} sind leider nur {available} sofort lieferbar (Sie möchten {requested}).',
    en: 'Sorry, only {available} of {name} are available right now (you asked for {requested}).',
  },
  stockNone: {
    de: '{name} ist leider gerade nicht auf Lager.',
    en: 'Sorry, {name} is out of stock right now.',
  },
  restockOn: { de: 'Neue Ware erwarten wir am {date}.', en: 'We expect new stock on {date}.' },
  restockUnknown: { de: 'Wann neue Ware kommt, steht noch nicht fest.', en: 'We do not know yet when new stock arrives.' },
  askStock: { de: 'Wie möchten Sie vorgehen?', en: 'How would you like to proceed?' },
  stockBackorder: { de: 'Alles zusammen liefern, sobald verfügbar', en: 'Deliver everything together once available' },
  stockPartial: { de: 'Verfügbares jetzt, Rest später', en: 'Available items now, the rest later' },
  stockAvailable: { de: 'Nur die vorrätige Menge', en: 'Only the quantity in stock' },
  stockRemove: { de: 'Artikel entfernen', en: 'Remove the item' },
  retryStock: {
    de: 'Bitte wählen Sie: nachliefern, Teillieferung, nur die vorrätige Menge oder Artikel entfernen.',
    en: 'Please choose: backorder, partial delivery, only the quantity in stock or remove the item.',
  },
  madeToOrder: {
    de: '{name} wird für Sie angefertigt; fertig ist es frühestens am {date}.',
    en: '{name} is made for you; it will be ready on {date} at the earliest.',
  },
  askSlot: {
    de: 'Für {name} sind diese Termine frei – welcher passt Ihnen?',
    en: 'These appointments are free for {name} – which one suits you?',
  },
  noSlots: {
    de: 'Für {name} finde ich in diesem Zeitraum leider keinen freien Termin. Bitte nennen Sie einen anderen Tag.',
    en: 'Sorry, I cannot find a free appointment for {name} in that period. Please name another day.',
  },
  retrySlot: {
    de: 'Bitte wählen Sie einen der Termine aus oder nennen Sie einen anderen Tag.',
    en: 'Please pick one of the appointments or name another day.',
  },
  askAddressMissing: {
    de: 'Da fehlt mir noch etwas: {fields}. Bitte schreiben Sie die Adresse so: Straße Nr, PLZ Ort.',
    en: 'Something is missing: {fields}. Please write the address like this: street no., postcode city.',
  },
  fieldStreet: { de: 'Straße und Hausnummer', en: 'street and number' },
  fieldPostcode: { de: 'fünfstellige Postleitzahl', en: 'five-digit postcode' },
  fieldCity: { de: 'Ort', en: 'city' },
  fieldCountry: { de: 'Land', en: 'country' },
  retryDatePast: {
    de: 'Der {date} liegt nicht in der Zukunft. Bitte nennen Sie einen Werktag ab morgen oder „egal“.',
    en: '{date} is not in the future. Please name a working day from tomorrow on, or “any”.',
  },
  askDateYear: {
    de: 'Der {date} ist schon vorbei. Meinen Sie den {next}? Dann antworten Sie „ja“ – oder nennen Sie einen anderen Tag (oder „egal“).',
    en: '{date} has already passed. Do you mean {next}? Then answer “yes” – or name another day (or “any”).',
  },
  askDateOther: {
    de: 'Welcher Tag soll es dann sein? Bitte z. B. „Freitag“, „am 4.12.2026“ oder „egal“.',
    en: 'Which day should it be then? Please write e.g. “Friday”, “on 4 December 2026” or “any”.',
  },
  retryDateWeekend: {
    de: 'Am {date} liefern wir nicht (Wochenende oder Feiertag). Bitte nennen Sie einen Werktag oder „egal“.',
    en: 'We do not deliver on {date} (weekend or public holiday). Please name a working day or “any”.',
  },
  retryDate: {
    de: 'Diesen Tag habe ich nicht verstanden. Bitte z. B. „Freitag“, „am 4.12.“ oder „egal“.',
    en: 'I did not understand that day. Please write e.g. “Friday”, “on 4 December” or “any”.',
  },
  summaryTitle: { de: 'Ihre Bestellung', en: 'Your order' },
  summaryTitleFor: { de: 'Bestellung für {customer}', en: 'Order for {customer}' },
  pricesNet: { de: 'Preise netto zzgl. MwSt.', en: 'Prices net, plus VAT' },
  pricesGross: { de: 'Preise inkl. MwSt.', en: 'Prices incl. VAT' },
  dateNotMet: {
    de: 'Ihr Wunschtermin {requested} ist leider nicht zu halten: frühestens möglich ist der {earliest}. Wenn Sie so bestellen, gilt dieser Termin; Sie können auch noch etwas ändern.',
    en: 'Sorry, your requested date {requested} cannot be met: the earliest possible date is {earliest}. If you order like this, that date applies; you can still change something.',
  },
  creditWarning: {
    de: 'Achtung: Mit diesem Auftrag ({gross}) überschreitet {customer} das Kreditlimit von {limit} um {exceeded} (offen: {open}). Der Auftrag wird angelegt, aber angehalten, bis die Buchhaltung ihn freigibt.',
    en: 'Note: with this order ({gross}) {customer} exceeds the credit limit of {limit} by {exceeded} (open: {open}). The order will be created but held until accounting releases it.',
  },
  summaryPrompt: {
    de: 'Bitte prüfen Sie die Bestellung. Sie können auch noch etwas ändern, z. B. „doch lieber 3 Stühle“.',
    en: 'Please check the order. You can still change something, e.g. “make that 3 chairs”.',
  },
  retrySummary: {
    de: 'Bitte bestätigen, ändern oder abbrechen Sie die Bestellung – oder schreiben Sie, was anders sein soll.',
    en: 'Please confirm, change or cancel the order – or write what should be different.',
  },
  askChange: {
    de: 'Was möchten Sie ändern? Zum Beispiel „noch 2 Toner dazu“, „ohne Kaffee“, „Lieferung am Freitag“ oder eine andere Adresse.',
    en: 'What would you like to change? For example “add 2 toner”, “remove the coffee”, “deliver on Friday” or another address.',
  },
  confirm: { de: 'Bestellen', en: 'Place order' },
  confirmPaid: { de: 'zahlungspflichtig bestellen', en: 'Place order (payment required)' },
  change: { de: 'Ändern', en: 'Change' },
  cancel: { de: 'Abbrechen', en: 'Cancel' },
  netAtRate: { de: 'Netto {rate} %', en: 'Net {rate}%' },
  vatAtRate: { de: 'MwSt. {rate} %', en: 'VAT {rate}%' },
  gross: { de: 'Gesamt brutto', en: 'Total incl. VAT' },
  grossConsumer: { de: 'Gesamtpreis inkl. MwSt.', en: 'Total price incl. VAT' },
  vatIncluded: { de: 'darin enthaltene MwSt. {rate} %', en: 'included VAT {rate}%' },
  deliveryAddress: { de: 'Lieferadresse', en: 'Delivery address' },
  serviceAddress: { de: 'Einsatzort', en: 'Service address' },
  deliveryDate: { de: 'Wunschtermin', en: 'Requested date' },
  noDate: { de: 'so bald wie möglich', en: 'as soon as possible' },
  noteBackorder: { de: 'Lieferung ab {date}', en: 'delivery from {date}' },
  noteBackorderUnknown: { de: 'wird nachgeliefert', en: 'on backorder' },
  notePartial: { de: 'jetzt {now}, Rest ab {date}', en: '{now} now, the rest from {date}' },
  notePartialLater: { de: 'jetzt {now}, Rest folgt', en: '{now} now, the rest later' },
  noteMade: { de: 'fertig ab {date}', en: 'ready from {date}' },
  noteSlot: { de: 'Termin {slot}', en: 'appointment {slot}' },
  unitPrice: { de: 'je {price}', en: '{price} each' },
  placedTitle: { de: 'Vielen Dank für Ihre Bestellung!', en: 'Thank you for your order!' },
  placedReceived: {
    de: 'Ihre Bestellung {number} ist eingegangen. Wir prüfen sie und melden uns mit der Bestätigung.',
    en: 'Your order {number} has been received. We are checking it and will get back to you with the confirmation.',
  },
  placedConfirmed: {
    de: 'Ihre Bestellung {number} ist bestätigt.',
    en: 'Your order {number} is confirmed.',
  },
  placedOnHold: {
    de: 'Ihre Bestellung {number} ist eingegangen. Wir schauen sie uns noch kurz genauer an und melden uns so bald wie möglich bei Ihnen.',
    en: 'Your order {number} has been received. We are taking a closer look at it and will get back to you as soon as possible.',
  },
  placedForCustomer: {
    de: 'Auftrag {number} für {customer} ist angelegt.',
    en: 'Order {number} for {customer} has been created.',
  },
  orderNumber: { de: 'Auftragsnummer', en: 'Order number' },
  status: { de: 'Status', en: 'Status' },
  placeFailed: {
    de: 'Die Bestellung konnte so noch nicht angelegt werden. {problems}',
    en: 'The order could not be placed yet. {problems}',
  },
  problemNoCustomer: { de: 'Es ist noch kein Kunde ausgewählt.', en: 'No customer has been chosen yet.' },
  problemUnknownCustomer: {
    de: 'Das Kundenkonto dieser Bestellung gibt es nicht mehr.',
    en: 'The customer account of this order no longer exists.',
  },
  problemForbidden: {
    de: 'Für dieses Kundenkonto können Sie leider keine Bestellung aufgeben.',
    en: 'Sorry, you cannot place orders for this customer account.',
  },
  problemNoLines: { de: 'Die Bestellung enthält noch keine Artikel.', en: 'The order does not contain any items yet.' },
  problemBadQuantity: {
    de: 'Die Menge für „{name}“ muss eine ganze Zahl zwischen 1 und 10.000 sein.',
    en: 'The quantity of “{name}” must be a whole number between 1 and 10,000.',
  },
  problemQuantityOverLimit: {
    de: 'Von „{name}“ können wir in einer Bestellung höchstens {max} annehmen. Bitte nennen Sie eine kleinere Menge oder sprechen Sie uns für eine Großbestellung an.',
    en: 'We can take at most {max} of “{name}” in one order. Please give a smaller quantity, or contact us about a bulk order.',
  },
  problemBeyondHorizon: {
    de: '„{name}“ in dieser Menge könnten wir erst in mehr als {days} Tagen fertigstellen. Bitte nennen Sie eine kleinere Menge.',
    en: 'We could only finish “{name}” in this quantity more than {days} days from now. Please give a smaller quantity.',
  },
  problemDateBeyondHorizon: {
    de: 'So weit im Voraus (mehr als {days} Tage) können wir noch keinen Termin zusagen. Bitte nennen Sie einen früheren Wunschtermin.',
    en: 'We cannot promise a date that far ahead (more than {days} days). Please give an earlier date.',
  },
  problemAddress: { de: 'Die Lieferadresse ist unvollständig.', en: 'The delivery address is incomplete.' },
  problemPostcode: {
    de: 'Die Postleitzahl der Lieferadresse stimmt nicht.',
    en: 'The postcode of the delivery address is not valid.',
  },
  problemDate: {
    de: 'Ihr Wunschtermin lässt sich so nicht mehr halten.',
    en: 'Your requested date can no longer be met.',
  },
  problemStock: {
    de: '„{name}“ ist inzwischen nicht mehr in dieser Menge vorrätig.',
    en: '“{name}” is no longer in stock in that quantity.',
  },
  problemSlot: {
    de: 'Der gewählte Termin für „{name}“ ist inzwischen nicht mehr frei.',
    en: 'The appointment you picked for “{name}” is no longer available.',
  },
  problemSlotWithoutService: {
    de: 'Ein gewählter Termin gehörte zu keiner Leistung der Bestellung; ich habe ihn verworfen.',
    en: 'A chosen appointment did not belong to any service in the order; I have dropped it.',
  },
  alreadyPlaced: {
    de: 'Diese Bestellung ist bereits als {number} eingegangen.',
    en: 'This order has already been received as {number}.',
  },
  cardOutdated: {
    de: 'Die Bestellung hat sich seit dieser Karte geändert – hier ist der aktuelle Stand. Bestellt ist noch nichts.',
    en: 'The order changed since this card; here it is now. Nothing has been ordered yet.',
  },
  reorderTaken: {
    de: 'Ich habe die Artikel aus Auftrag {number} übernommen – zu den heutigen Preisen und mit der heutigen Verfügbarkeit.',
    en: 'I have taken the items of order {number} – at today’s prices and with today’s availability.',
  },
  reorderNone: {
    de: 'Ich finde noch keinen früheren Auftrag in Ihrem Konto.',
    en: 'I cannot find an earlier order in your account yet.',
  },
  reorderWhich: {
    de: 'Für welchen Kunden oder nach welchem Auftrag soll ich die Bestellung wiederholen? Nennen Sie z. B. „wie Auftrag 1004“.',
    en: 'For which customer or after which order should I repeat the order? Say e.g. “same as order 1004”.',
  },
  changed: { de: 'Erledigt, ich habe die Bestellung angepasst.', en: 'Done, I have updated the order.' },
  removed: { de: '{name} ist entfernt.', en: '{name} has been removed.' },
  notInOrder: { de: '„{name}“ ist nicht in Ihrer Bestellung; ich habe nichts geändert.', en: '“{name}” is not in your order; I have changed nothing.' },
  catalogTitle: { de: 'Katalog', en: 'Catalog' },
  catalogHint: {
    de: 'Tragen Sie die gewünschten Mengen ein und tippen Sie auf „Übernehmen“; für Dienstleistungen frage ich danach den Termin.',
    en: 'Enter the quantities you want and tap “Add to order”; for services I ask for the appointment next.',
  },
  catalogSubmit: { de: 'Übernehmen', en: 'Add to order' },
  catalogPage: { de: 'Seite {page} von {pages}', en: 'page {page} of {pages}' },
  catalogRest: { de: '… und {count} weitere Produkte auf den nächsten Seiten.', en: '… and {count} more products on the next pages.' },
  catalogMore: { de: 'Weitere Produkte ({page}/{pages})', en: 'More products ({page}/{pages})' },
  catalogBack: { de: 'Zurück', en: 'Back' },
  quantity: { de: 'Menge', en: 'Quantity' },
  catalogEmpty: { de: 'Im Katalog haben Sie keine Menge eingetragen.', en: 'You did not enter a quantity in the catalog.' },
  help: {
    de: 'Sie sind gerade beim Bestellen. Beantworten Sie einfach meine Frage. Jederzeit möglich: Artikel hinzufügen („noch 2 Toner dazu“), Menge ändern („doch lieber 3 Stühle“), entfernen („ohne Kaffee“), „Katalog“ zeigen, nach einem Auftrag fragen („Status Auftrag 1003“) oder „abbrechen“.',
    en: 'You are in the middle of an order. Just answer my question. At any time you can add items (“add 2 toner”), change a quantity (“make that 3 chairs”), remove one (“remove the coffee”), show the “catalog”, ask about an order (“status of order 1003”) or “cancel”.',
  },
  askCancel: {
    de: 'Möchten Sie die Bestellung wirklich abbrechen? Ihre Angaben gehen dabei verloren.',
    en: 'Do you really want to cancel the order? What you entered will be lost.',
  },
  cancelled: { de: 'In Ordnung, die Bestellung ist abgebrochen.', en: 'All right, the order has been cancelled.' },
  notCancelled: { de: 'Gut, dann machen wir weiter.', en: 'Good, let us continue.' },
  askContinue: {
    de: 'Sie hatten eine Bestellung angefangen ({lines}). Möchten Sie damit weitermachen?',
    en: 'You had started an order ({lines}). Would you like to continue with it?',
  },
  discarded: { de: 'In Ordnung, ich habe den Entwurf verworfen.', en: 'All right, I have discarded the draft.' },
  nothingYet: { de: 'noch ohne Artikel', en: 'no items yet' },
  statusAnswer: { de: 'Auftrag {number}: {status}.', en: 'Order {number}: {status}.' },
  statusUnknown: {
    de: 'Einen Auftrag {number} finde ich in Ihrem Konto nicht.',
    en: 'I cannot find an order {number} in your account.',
  },
  statusResume: { de: 'Weiter mit Ihrer Bestellung:', en: 'Back to your order:' },
  yes: { de: 'Ja', en: 'Yes' },
  no: { de: 'Nein', en: 'No' },
});
