/**
 * Outgoing e-mail. Messages are written to the `outbox` table inside the same transaction
 * as the change they report, then delivered by a background loop. Claiming is one atomic
 * UPDATE … RETURNING, so two instances never send the same message twice.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../db/client.ts';
import { outbox } from '../../../db/schema.ts';
import { nowSeconds } from '../time.ts';

/** A message to send. Plain text only: it reads well in every mail client and screen reader. */
export interface Email {
  to: string;
  subject: string;
  body: string;
}

/** Something that can deliver a message: SMTP in production, the server log locally. */
export interface MailTransport {
  send(message: Email): Promise<void>;
}

/** Gives up on a message after this many failed deliveries. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** A claim older than this is assumed to belong to an instance that died mid-send. */
export const CLAIM_TIMEOUT_SECONDS = 120;

/** Adds a message to the outbox as part of the caller's transaction. */
export async function queueEmail(tx: Tx, message: Email): Promise<void> {
  await tx.insert(outbox).values({ recipient: message.to, subject: message.subject, body: message.body });
}

/** Adds several messages to the outbox in one statement, as part of the caller's transaction. */
export async function queueEmails(tx: Tx, messages: readonly Email[]): Promise<void> {
  if (!messages.length) return;
  await tx.insert(outbox).values(messages.map((m) => ({ recipient: m.to, subject: m.subject, body: m.body })));
}

/**
 * Claims and sends up to `batch` waiting messages. Returns how many were sent.
 * Sending happens outside the write lock: SMTP can be slow, bookings should not wait for it.
 */
export async function deliverPendingEmail(
  portal: PortalDb,
  transport: MailTransport,
  { batch = 20, now = nowSeconds() } = {},
): Promise<number> {
  const claimed = await portal.write(async (tx) => {
    const result = await tx.run(sql`
      UPDATE outbox SET claimed_at = ${now}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM outbox
        WHERE sent_at IS NULL AND attempts < ${MAX_DELIVERY_ATTEMPTS}
          AND (claimed_at IS NULL OR claimed_at < ${now - CLAIM_TIMEOUT_SECONDS})
        ORDER BY id LIMIT ${batch}
      )
      RETURNING id, recipient, subject, body`);
    return result.rows.map((r) => ({
      id: Number(r.id),
      to: String(r.recipient),
      subject: String(r.subject),
      body: String(r.body),
    }));
  });
  let sent = 0;
  for (const message of claimed) {
    try {
      await transport.send(message);
      await portal.write((tx) => tx.update(outbox).set({ sentAt: now, lastError: null }).where(eq(outbox.id, message.id)));
      sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await portal.write((tx) =>
        tx
          .update(outbox)
          .set({ claimedAt: null, lastError: reason.slice(0, 500) })
          .where(and(eq(outbox.id, message.id))),
      );
    }
  }
  return sent;
}

/** Writes each message to the server log, so a local user can follow the links in it. */
export function logTransport(write: (line: string) => void = (line) => console.log(line)): MailTransport {
  return {
    async send(message) {
      write(
        [`[email] To: ${message.to}`, `[email] Subject: ${message.subject}`, ...message.body.split('\n').map((l) => `[email] ${l}`)].join('\n'),
      );
    },
  };
}

/** Sends through an SMTP server, e.g. `smtps://user:pass@smtp.example.org:465`. */
export async function smtpTransport(url: string, from: string): Promise<MailTransport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}
