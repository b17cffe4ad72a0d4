/**
 * Asking a line manager to approve a place: the e-mailed single-use link (only the SHA-256 of
 * its secret is kept), the history entry and the person's e-mail, written in the caller's
 * transaction once the seat guard has held the seat as "awaiting approval". Used by booking
 * and by the waiting list when a seat comes free on a course that needs approval.
 */
import type { Tx } from '../../../../db/client.ts';
import { formatDateTime } from '../../format.ts';
import { issueToken } from '../auth/tokens.ts';
import type { Email } from '../outbox.ts';
import { approvalRequestEmail, approvalRequestedEmail } from './emails.ts';
import { insertApprovals, queueTrainingEmails, readPeople, recordEvents, type SessionWithCourse } from './repository.ts';

/** Where a manager answers; the token follows as `?token=`. */
export const APPROVAL_PATH = '/training/approval';

/** A seat just held for a manager's answer. */
export interface HeldForApproval {
  place: { id: number; userId: number; managerEmail: string };
  session: SessionWithCourse;
  expiresAt: number;
  /** The seat came free for someone on the waiting list (rather than being booked). */
  fromWaitingList: boolean;
}

/**
 * Records a request for approval for each place held, with its history entry, and e-mails
 * the manager (the link) and the person (what happens next), in one go for every place.
 */
export async function askManagers(tx: Tx, held: readonly HeldForApproval[], now: number, baseUrl: string): Promise<void> {
  if (!held.length) return;
  const requests = held.map((h) => ({ ...h, token: issueToken() }));
  await insertApprovals(
    tx,
    requests.map((r) => ({ id: r.token.id, secretHash: r.token.secretHash, bookingId: r.place.id, managerEmail: r.place.managerEmail, createdAt: now, expiresAt: r.expiresAt })),
  );
  await recordEvents(
    tx,
    requests.map((r) => ({
      bookingId: r.place.id,
      event: 'approval-requested',
      actorId: r.fromWaitingList ? null : r.place.userId,
      detail: `Asked ${r.place.managerEmail}; the place is held until ${formatDateTime(r.expiresAt)}`,
    })),
    now,
  );
  const people = await readPeople(tx, requests.map((r) => r.place.userId));
  const emails: Email[] = requests.flatMap((r) => {
    const who = people.get(r.place.userId)!;
    const link = `${baseUrl}${APPROVAL_PATH}?token=${encodeURIComponent(r.token.token)}`;
    return [
      approvalRequestEmail(r.place.managerEmail, r.session, who, link, r.expiresAt),
      approvalRequestedEmail(who, r.session, r.place.managerEmail, r.expiresAt, `${baseUrl}/account/bookings`, r.fromWaitingList),
    ];
  });
  await queueTrainingEmails(tx, emails);
}
