import type { APIRoute } from 'astro';
import { BODY_MAX } from '../../lib/domain/forum/posting.ts';
import { renderPost } from '../../lib/server/forum/markdown.ts';
import { json, readJsonObject } from '../../lib/server/json.ts';

export const prerender = false;

/**
 * The live preview behind the post forms' island: Markdown in, the same sanitised HTML a
 * post would get out. Members only (the /forum rule); nothing is stored or logged.
 */
export const POST: APIRoute = async ({ request }) => {
  const body = await readJsonObject(request);
  if (!body.ok) return json({ error: 'bad-request', message: body.message }, body.status);
  const text = body.value.body;
  if (typeof text !== 'string') return json({ error: 'invalid', message: 'Send the message as "body", a string' }, 400);
  if (text.length > BODY_MAX) return json({ error: 'invalid', message: `The message must be ${BODY_MAX} characters or fewer` }, 400);
  return json({ html: renderPost(text.trim()) });
};
