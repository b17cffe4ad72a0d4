/**
 * The forum's daily e-mail digest, in words: at most one a day, for members who opted in,
 * listing the topics with unread notifications by title only (never a post's text, which an
 * e-mail could carry out of the portal), with a link back to the notifications page.
 */
import type { NOTIFICATION_KINDS } from './model.ts';

/** The shortest time between two digests to one member. */
export const DIGEST_INTERVAL_SECONDS = 24 * 3600;

/** One notification going into a digest. */
export interface DigestItem {
  kind: (typeof NOTIFICATION_KINDS)[number];
  topicId: number;
}

/**
 * One line per topic, in the order of `topics`: how many new replies, and how often the member
 * was mentioned. Topics with nothing to say are left out.
 * @example digestLines([{ kind: 'reply', topicId: 1 }], [{ id: 1, title: 'Visits' }]) // ['- Visits: 1 new reply']
 */
export function digestLines(items: readonly DigestItem[], topics: readonly { id: number; title: string }[]): string[] {
  const counts = new Map<number, { replies: number; mentions: number }>();
  for (const item of items) {
    const c = counts.get(item.topicId) ?? { replies: 0, mentions: 0 };
    if (item.kind === 'mention') c.mentions++;
    else c.replies++;
    counts.set(item.topicId, c);
  }
  return topics.flatMap((topic) => {
    const c = counts.get(topic.id);
    if (!c) return [];
    const parts = [c.replies ? `${c.replies} new ${c.replies === 1 ? 'reply' : 'replies'}` : '', c.mentions ? `mentioned ${c.mentions === 1 ? 'once' : `${c.mentions} times`}` : ''].filter(Boolean);
    return [`- ${topic.title}: ${parts.join(', ')}`];
  });
}

/** The digest e-mail to one member. */
export function digestEmail({ to, name, lines, baseUrl }: { to: string; name: string; lines: readonly string[]; baseUrl: string }): { to: string; subject: string; body: string } {
  return {
    to,
    subject: 'Your forum digest',
    body: `Dear ${name},\n\nSince your last digest:\n\n${lines.join('\n')}\n\nRead them here:\n${baseUrl}/account/notifications\n\nTo stop these e-mails, turn off the digest on that page.\n\nTroubled Families Practitioner Portal\nKent County Council`,
  };
}
