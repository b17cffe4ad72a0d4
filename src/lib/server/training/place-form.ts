/**
 * The form a person posts from their training bookings page: accept or decline an offer,
 * cancel a place, leave a waiting list, or give up a place after the cut-off with a reason.
 * One function for the page to call; it reads the form, applies the change and says which
 * notice to show (or which field to correct).
 */
import type { PortalDb } from '../../../../db/client.ts';
import { checkLateReason } from '../../domain/training/forms.ts';
import { readForm } from '../forms.ts';
import { acceptOffer, cancelPlace, cancelPlaceLate, type TrainingSettings } from './bookings.ts';

const INTENTS = ['accept', 'cancel', 'leave', 'decline', 'cancel-late'] as const;

/** What became of a posted place form. */
export type PlaceFormOutcome =
  | { outcome: 'done'; bookingId: number; notice: string }
  | { outcome: 'invalid'; errors: Record<string, string>; lateFormFor?: number; lateReason?: string };

/** Reads and applies the bookings page's form for person `userId`. */
export async function submitPlaceForm(portal: PortalDb, request: Request, userId: number, settings: TrainingSettings): Promise<PlaceFormOutcome> {
  const values = await readForm(request);
  const intent = values.intent ?? '';
  const bookingId = /^\d{1,12}$/.test(values.bookingId ?? '') ? Number(values.bookingId) : NaN;
  if (!Number.isFinite(bookingId) || !(INTENTS as readonly string[]).includes(intent)) return { outcome: 'invalid', errors: { form: 'Something went wrong with that form. Try again' } };
  const done = (notice: string): PlaceFormOutcome => ({ outcome: 'done', bookingId, notice });

  if (intent === 'cancel-late') {
    const checked = checkLateReason(values.reason);
    if (!checked.ok) return { outcome: 'invalid', errors: { reason: checked.error }, lateFormFor: bookingId, lateReason: values.reason ?? '' };
    const result = await cancelPlaceLate(portal, { bookingId, userId, reason: checked.reason }, settings);
    if (result.ok) return done('cancelled-late');
    if (result.reason === 'not-late') {
      // The cut-off has not passed after all: an ordinary cancellation applies.
      const plain = await cancelPlace(portal, { bookingId, userId }, settings);
      return done(plain.ok ? 'cancelled' : 'not-active');
    }
    return done(result.reason === 'started' ? 'started' : 'not-active');
  }
  if (intent === 'accept') {
    const result = await acceptOffer(portal, { bookingId, userId }, settings);
    if (result.ok) return done('accepted');
    return done(result.reason === 'expired' ? 'offer-expired' : 'not-active');
  }
  const result = await cancelPlace(portal, { bookingId, userId }, settings);
  if (result.ok) return done(intent === 'decline' ? 'declined' : intent === 'leave' ? 'left' : 'cancelled');
  return done(result.reason === 'closed' ? 'closed' : 'not-active');
}
