/**
 * The words of the training e-mails. Plain text; each carries a link to the calendar file
 * for the place, so calendars follow bookings, changes and cancellations.
 */
import type { Email } from '../outbox.ts';
import { formatDateTime, formatTime } from '../../format.ts';
import { holdEndText } from '../../training/view.ts';

const SERVICE = 'Troubled Families Practitioner Portal';
const SIGN_OFF = `\n\n${SERVICE}\nKent County Council`;

export interface SessionForEmail {
  courseTitle: string;
  courseSlug: string;
  startsAt: number;
  durationMinutes: number;
  mode: 'in-person' | 'online';
  venue: string;
  district: string | null;
}

/** "Tuesday 1 December 2026, 9:30am to 12:30pm, Online: Microsoft Teams link sent before the day". */
export function describeSession(s: SessionForEmail): string {
  const end = s.startsAt + s.durationMinutes * 60;
  const where = s.mode === 'online' ? `Online: ${s.venue}` : `${s.venue}${s.district ? `, ${s.district}` : ''}`;
  return `${formatDateTime(s.startsAt)} to ${formatTime(end)}\n${where}`;
}

type To = { email: string; name: string };

export function bookingConfirmedEmail(to: To, s: SessionForEmail, icsLink: string, bookingsLink: string): Email {
  return {
    to: to.email,
    subject: `Place booked: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\nYou have a place on ${s.courseTitle}:\n\n${describeSession(s)}\n\nAdd it to your calendar:\n${icsLink}\n\nIf you cannot come, cancel your place so someone on the waiting list can have it:\n${bookingsLink}${SIGN_OFF}`,
  };
}

export function offerEmail(to: To, s: SessionForEmail, expiresAt: number, bookingsLink: string): Email {
  return {
    to: to.email,
    subject: `A place is free: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\nA place has come up on ${s.courseTitle}, and you are first on the waiting list:\n\n${describeSession(s)}\n\nThe place is held for you until ${formatDateTime(expiresAt)}. Accept it here:\n${bookingsLink}\n\nIf you do not accept by then, it is offered to the next person on the list.${SIGN_OFF}`,
  };
}

export function sessionChangedEmail(to: To, s: SessionForEmail, icsLink: string): Email {
  return {
    to: to.email,
    subject: `Session changed: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\nThe session of ${s.courseTitle} you are booked on or waiting for has changed. It is now:\n\n${describeSession(s)}\n\nUpdate your calendar:\n${icsLink}${SIGN_OFF}`,
  };
}

export function sessionCancelledEmail(to: To, s: SessionForEmail, reason: string, icsLink: string, courseLink: string): Email {
  return {
    to: to.email,
    subject: `Session cancelled: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\nThe session of ${s.courseTitle} on ${formatDateTime(s.startsAt)} has been cancelled${reason ? `: ${reason}` : '.'}\n\nRemove it from your calendar:\n${icsLink}\n\nOther sessions of the course:\n${courseLink}${SIGN_OFF}`,
  };
}

export function reminderEmail(to: To, s: SessionForEmail, icsLink: string, bookingsLink: string): Email {
  return {
    to: to.email,
    subject: `Reminder: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\nA reminder that you have a place on ${s.courseTitle}:\n\n${describeSession(s)}\n\nCalendar file:\n${icsLink}\n\nIf you can no longer come, cancel your place:\n${bookingsLink}${SIGN_OFF}`,
  };
}

/** Tells a course's trainer that someone gave up their place after the cut-off, and why. */
export function lateCancellationEmail(to: To, s: SessionForEmail, who: { name: string; organisation: string }, reason: string, sessionLink: string, offered: boolean): Email {
  return {
    to: to.email,
    subject: `Place given up after the cut-off: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\n${who.name} (${who.organisation}) has given up their place on ${s.courseTitle}:\n\n${describeSession(s)}\n\nTheir reason: ${reason}\n\n${offered ? 'The place has been offered to the first person on the waiting list.' : 'Nobody is on the waiting list, so the place is free.'}\n\nSee the session:\n${sessionLink}${SIGN_OFF}`,
  };
}

/** Asks a colleague to take up a place passed on to them, with the single-use link. */
export function transferOfferEmail(to: To, s: SessionForEmail, from: { name: string }, link: string, expiresAt: number): Email {
  return {
    to: to.email,
    subject: `${from.name} has offered you their place: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\n${from.name} cannot come to ${s.courseTitle} and would like you to have their place instead:\n\n${describeSession(s)}\n\nTo take the place, or to turn it down, sign in and follow this link:\n${link}\n\nThe link works once, until ${formatDateTime(expiresAt)}. If you do nothing, the place stays with ${from.name}.${SIGN_OFF}`,
  };
}

/** Tells the person who passed on their place that the colleague has it now. */
export function transferDoneEmail(to: To, s: SessionForEmail, colleague: { name: string }, icsLink: string): Email {
  return {
    to: to.email,
    subject: `Your place has passed to ${colleague.name}: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\n${colleague.name} has taken your place on ${s.courseTitle}:\n\n${describeSession(s)}\n\nYou no longer have a place. Remove it from your calendar:\n${icsLink}${SIGN_OFF}`,
  };
}

/** Tells the person who offered their place that the colleague turned it down. */
export function transferDeclinedEmail(to: To, s: SessionForEmail, colleague: { name: string }, bookingsLink: string): Email {
  return {
    to: to.email,
    subject: `${colleague.name} cannot take your place: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\n${colleague.name} has turned down your place on ${s.courseTitle}, so you still have it:\n\n${describeSession(s)}\n\nIf you cannot come, offer it to another colleague or cancel it so someone on the waiting list can have it:\n${bookingsLink}${SIGN_OFF}`,
  };
}

/**
 * Asks a line manager to approve a place, with the single-use link. The manager may have no
 * account: the link's page says who asked and for what, and answers with a button.
 */
export function approvalRequestEmail(managerEmail: string, s: SessionForEmail, who: { name: string; organisation: string; email: string }, link: string, expiresAt: number): Email {
  return {
    to: managerEmail,
    subject: `Please approve a training place for ${who.name}: ${s.courseTitle}`,
    body: `Hello,\n\n${who.name} (${who.organisation}, ${who.email}) has named you as their line manager and asked for a place on ${s.courseTitle}, which needs a line manager's approval:\n\n${describeSession(s)}\n\nTo approve or decline the place, follow this link (you do not need an account):\n${link}\n\nWe are holding the place until ${holdEndText(expiresAt)}. If you do not answer by then, the link stops working and the place goes to the next person on the waiting list. The link works once.\n\nIf you are not ${who.name}'s line manager, you can ignore this email.${SIGN_OFF}`,
  };
}

/** Tells a person their place is held while their line manager is asked. */
export function approvalRequestedEmail(to: To, s: SessionForEmail, managerEmail: string, expiresAt: number, bookingsLink: string, fromWaitingList: boolean): Email {
  return {
    to: to.email,
    subject: `Waiting for your line manager's approval: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\n${fromWaitingList ? `A place has come up on ${s.courseTitle}, and you are first on the waiting list` : `You have asked for a place on ${s.courseTitle}`}:\n\n${describeSession(s)}\n\nThe course needs your line manager's approval, so we have emailed ${managerEmail} to ask them. We are holding the place for you until ${holdEndText(expiresAt)}. We will email you when they answer.\n\nIf you no longer need the place, cancel it:\n${bookingsLink}${SIGN_OFF}`,
  };
}

/** Tells a person their line manager declined their place. */
export function approvalDeclinedEmail(to: To, s: SessionForEmail, managerEmail: string, courseLink: string): Email {
  return {
    to: to.email,
    subject: `Your line manager did not approve your place: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\n${managerEmail} has declined your place on ${s.courseTitle}:\n\n${describeSession(s)}\n\nYou no longer have the place. Talk to your line manager if you think this is a mistake. Other sessions of the course:\n${courseLink}${SIGN_OFF}`,
  };
}

/** Tells a person the hold ran out before their line manager answered. */
export function approvalExpiredEmail(to: To, s: SessionForEmail, managerEmail: string, courseLink: string): Email {
  return {
    to: to.email,
    subject: `No answer from your line manager in time: ${s.courseTitle}`,
    body: `Dear ${to.name},\n\nWe held a place for you on ${s.courseTitle} while we asked ${managerEmail} to approve it, but they did not answer in time:\n\n${describeSession(s)}\n\nYou no longer have the place: it goes to the first person on the waiting list, if anyone is waiting. You can book again while places are left:\n${courseLink}${SIGN_OFF}`,
  };
}
