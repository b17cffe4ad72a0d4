/**
 * Small helpers shared by the forum's member pages: refusal messages, links and paging. Pure: no database or Astro imports.
 */
import type { WriteRefusal } from '../../lib/server/forum/forum.ts';
import { formatCount } from '../../lib/format.ts';

export { INFORMATION_SHARING_GUIDANCE_URL as INFORMATION_SHARING_GUIDANCE } from '../../lib/domain/forum/guard.ts';

export const BODY_HINT =
  'You can format your text: **bold**, *italic*, a line starting with - for a list, and [link text](https://www.example.com) or [link text](/guidance/lead-worker-role/) for a link.';

export type PersonalDataRefusal = Extract<WriteRefusal, { reason: 'personal-data' }>;

export interface FormOutcome {
  /** Field name → message, for the error summary and the fields. */
  errors: Record<string, string>;
  /** The guard's findings, when the refusal was for personal data. */
  guard?: PersonalDataRefusal['guard'];
  guardField?: 'title' | 'body';
}

/** A refusal from the forum's write functions as messages for a form. */
export function refusalMessages(r: WriteRefusal, names: { title?: string; body: string } = { title: 'title', body: 'body' }): FormOutcome {
  switch (r.reason) {
    case 'invalid': {
      const errors: Record<string, string> = {};
      if (r.errors.title && names.title) errors[names.title] = r.errors.title;
      if (r.errors.body) errors[names.body] = r.errors.body;
      if (r.errors.form) errors.form = r.errors.form;
      return { errors };
    }
    case 'personal-data': {
      const field = r.field === 'title' && names.title ? names.title : names.body;
      const part = r.field === 'title' ? 'title' : 'message';
      const message = r.guard.safeguarding
        ? `Do not post this. Follow your safeguarding procedures now, and call 999 if someone is in immediate danger`
        : r.guard.outcome === 'hold'
          ? `Your ${part} may identify a family. Change it, or send it to a moderator to check`
          : `Your ${part} may identify someone. Remove the personal details before you post`;
      return { errors: { [field]: message }, guard: r.guard, guardField: r.field };
    }
    case 'too-soon':
      return { errors: { form: r.message } };
    case 'locked':
      return { errors: { form: 'This topic is locked, so you cannot post in it' } };
    case 'forbidden':
      return { errors: { form: 'You can only change your own posts' } };
    case 'not-found':
      return { errors: { form: 'That post or topic no longer exists' } };
  }
}

/** A whole number from a query string parameter, at least 1. */
export function pageParam(value: string | null): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function topicHref(topic: { id: number; slug: string }, params: Record<string, string | number | undefined> = {}, hash = ''): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || (k === 'page' && v === 1)) continue;
    q.set(k, String(v));
  }
  const query = q.toString();
  return `/forum/t/${topic.id}/${topic.slug}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
