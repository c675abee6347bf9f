import { defineTexts } from '../i18n';

/** Texts about appointments: details, day plans, absences, visit reports, cancellations. */
export const serviceTexts = defineTexts('services', {
  hours: { de: '{n} Stunden', en: '{n} hours' },
  oneHour: { de: '1 Stunde', en: '1 hour' },
  minutes: { de: '{n} Minuten', en: '{n} minutes' },
  hoursMinutes: { de: '{h} Std. {m} Min.', en: '{h} h {m} min' },
  atOurOffice: { de: 'bei uns: {address}', en: 'at our office: {address}' },
  whenLabel: { de: 'Wann', en: 'When' },
  durationLabel: { de: 'Dauer', en: 'Duration' },
  placeLabel: { de: 'Ort', en: 'Place' },
  whoLabel: { de: 'Es kommt', en: 'Who comes' },
  whoLabelOffice: { de: 'Mit', en: 'With' },
  appointmentLine: {
    de: 'Termin {service}: {when}, {duration}, {place}, {who}.',
    en: 'Appointment {service}: {when}, {duration}, {place}, {who}.',
  },
  movedDetails: { de: 'Dauer {duration}, Ort: {place}, es kommt: {who}.', en: 'Duration {duration}, place: {place}, who comes: {who}.' },
  moveTo: { de: 'Verschieben auf {slot}', en: 'Move to {slot}' },
  reminderText: {
    de: 'Erinnerung: morgen {when} {service} ({duration}), {place}. Es kommt: {who}. Auftrag {number}.',
    en: 'Reminder: tomorrow {when} {service} ({duration}), {place}. Who comes: {who}. Order {number}.',
  },
  reminderMove: { de: 'Passt es nicht? Wählen Sie eine andere Zeit:', en: 'Does it not suit you? Pick another time:' },
  service_performed: {
    de: 'Ihr Termin zu Auftrag {number} ({service}) ist erledigt: {report} (Dauer {duration}).',
    en: 'Your appointment for order {number} ({service}) has been performed: {report} (duration {duration}).',
  },
  appointment_cancelled: {
    de: 'Ihr Termin zu Auftrag {number} ({service}, {when}) ist storniert. Stornogebühr: {fee} netto.',
    en: 'Your appointment for order {number} ({service}, {when}) is cancelled. Cancellation fee: {fee} net.',
  },
  absence_conflicts: {
    de: '{resource} fehlt vom {from} bis {to} ({reason}). Betroffene Termine: {list}.',
    en: '{resource} is away from {from} to {to} ({reason}). Appointments affected: {list}.',
  },
  absenceBooking: { de: 'Auftrag {number}, {customer}, {when}', en: 'order {number}, {customer}, {when}' },
  newSlotsAfterAbsence: {
    de: 'Leider fällt Ihr Termin zu Auftrag {number} ({service}, {when}) aus. Bitte wählen Sie eine neue Zeit:',
    en: 'Unfortunately your appointment for order {number} ({service}, {when}) cannot take place. Please pick a new time:',
  },
  offerSlots: { de: 'Neue Termine anbieten: {customer}', en: 'Offer new slots: {customer}' },
  notWorkingDayWeekend: {
    de: '{day} ist kein Arbeitstag. Die nächsten Arbeitstage sind {days}.',
    en: '{day} is not a working day. The nearest working days are {days}.',
  },
  notWorkingDayHoliday: {
    de: '{day} ist ein Feiertag ({holiday}), kein Arbeitstag. Die nächsten Arbeitstage sind {days}.',
    en: '{day} is a public holiday ({holiday}), not a working day. The nearest working days are {days}.',
  },
  and: { de: 'und', en: 'and' },
  reason_sick: { de: 'krank', en: 'sick' },
  reason_vacation: { de: 'Urlaub', en: 'on leave' },
  reason_other: { de: 'abwesend', en: 'away' },
});
