import ical from 'ical-generator';

/** One appointment as a calendar entry: the same booking always has the same UID, a change raises its sequence. */
export interface AppointmentEvent {
  /** Stable per booking, e.g. "booking-17": a moved appointment replaces the entry in the customer's calendar. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  /** Increases with every change (the order's version), so calendars take the newest. */
  sequence: number;
  /** When the file was made (DTSTAMP); passed in so the same input gives the same bytes. */
  stamp: Date;
  cancelled?: boolean;
}

/** An .ics file (RFC 5545) for one appointment, made with ical-generator; times in UTC, which every calendar shows locally. */
export function appointmentIcs(event: AppointmentEvent, calendarName: string): string {
  const calendar = ical({ name: calendarName, prodId: { company: 'Auftragsbot', product: 'Termine', language: 'DE' } });
  calendar.createEvent({
    id: `${event.uid}@auftragsbot`,
    start: event.start,
    end: event.end,
    summary: event.summary,
    description: event.description,
    location: event.location,
    sequence: event.sequence,
    stamp: event.stamp,
    ...(event.cancelled ? { status: 'CANCELLED' as never } : {}),
  });
  return calendar.toString();
}
