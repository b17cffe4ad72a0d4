/**
 * Who to contact about what. The portal publishes role titles and role mailboxes only: the
 * source documents name real people with personal addresses (seed 000, seed 004), and
 * people move on while roles and shared mailboxes stay. Addresses live in one file,
 * `content/contacts.json`, checked by this schema at build time.
 */
import { z } from 'astro/zod';

/**
 * True when an e-mail address looks like one person's rather than a team's: a local part of
 * two names joined by a dot, such as "first.last@". A shared mailbox never needs that shape.
 * @example looksPersonal('jo.patel@kent.gov.uk') // true
 * @example looksPersonal('tfprogrammesop@kent.gov.uk') // false
 */
export function looksPersonal(address: string): boolean {
  const local = address.split('@')[0] ?? '';
  return /^[a-z]+\.[a-z]+$/i.test(local);
}

/** One role or shared mailbox on the contact page. */
export const contactSchema = z
  .object({
    /** A stable slug: the anchor on /contact/ that pages link to, e.g. "/contact/#programme-team". */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens'),
    /** The role or team, never a person's name, e.g. "Troubled Families programme team". */
    role: z.string().min(3),
    /** What to ask this role about, one short phrase each, in sentence case. */
    handles: z.array(z.string().min(3)).min(1),
    /** The role's shared mailbox, when it has one. Never a personal address. */
    email: z
      .email()
      .refine((address) => !looksPersonal(address), 'This looks like a personal address: publish a shared role mailbox instead')
      .optional(),
    /** Another way to reach the role when it has no published mailbox. */
    otherwise: z.string().min(10).optional(),
    /** A web page for the role, with link text that makes sense on its own. */
    website: z.object({ href: z.url(), text: z.string().min(3) }).strict().optional(),
  })
  .strict()
  .refine((c) => c.email || c.otherwise || c.website, 'Give an email, a website or another way to reach this role');

/** A contact entry after checking. */
export type Contact = z.infer<typeof contactSchema>;
