/**
 * The business operations: what conversations (dialogs/) and REST (bot/api/) call to change anything. Each checks
 * its rule in domain/, writes through data/ in one transaction (runOperation) and runs the effects domain/effects.ts
 * lists for its step. data/ only stores and queries.
 *
 * The money flows go here the same way, one file each: issueInvoice.ts and cancelInvoice.ts, bookPayment.ts, reversePayment.ts,
 * importStatement.ts, applyCredit.ts (with creditOffer.ts, its offer when an invoice is issued), dunningRun.ts (queuing `dunning:<invoice>:<level>` through enqueueNotification), digest.ts, dailyRun.ts.
 */
export { placeOrder, type OrderInput, type PlaceOrderResult } from './placeOrder';
export { bookDemoAppointments } from './demoAppointments';
export { bookDemoAccounting } from './demoAccounting';
export { transitionOrder, type TransitionResult } from './moveOrder';
export { recordShipment, type RecordShipmentResult, type ShipmentInput } from './recordShipment';
export { rescheduleBooking, type RescheduleResult } from './appointments';
export { chooseLanguage } from './language';
export { offerNewSlots, recordAbsence, type AbsenceReason, type OfferNewSlotsResult, type RecordAbsenceResult } from './absences';
export { reportVisit, type ReportVisitResult } from './performVisit';
export { cancelAppointment, quoteCancellation, type CancelAppointmentResult, type CancellationQuote } from './cancelAppointment';
export { issueInvoice, type IssueInvoiceResult } from './issueInvoice';
export { cancelInvoice, type CancelInvoiceResult } from './cancelInvoice';
export { bookPayment, type BookPaymentResult, type PaymentInput } from './bookPayment';
export { reversePayment, type ReversePaymentResult } from './reversePayment';
export { applyCredit, type ApplyCreditResult } from './applyCredit';
export { importStatement, decideBankEntry, type ImportStatementResult, type BankEntryDecision } from './importStatement';
export { runDunning, setDunningStop, type DunningRunResult } from './dunningRun';
export { queueDigest } from './digest';
export { runDailyAccounting, catchUpDailyAccounting } from './dailyRun';
export { acceptQuote, createQuote, expireQuotes, rejectQuote, sendQuote, type AcceptQuoteResult, type CreateQuoteResult, type QuoteInput, type QuoteStepResult } from './quotes';
