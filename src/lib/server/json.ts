/**
 * JSON responses for the partners' API and the health check: never cached, never sniffed,
 * always JSON, errors included. They carry their length: Astro sends an endpoint's body
 * without one, and then the server's compression cannot tell a 30-byte answer from a large
 * one and packs every answer, however small.
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(text)), ...headers },
  });
}

/** The most a request body to the API may be; real requests are a few hundred bytes. */
export const MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads a JSON object from a request, or says in one line what is wrong with it.
 * Reads at most `MAX_JSON_BYTES`, whatever the Content-Length claims.
 */
export async function readJsonObject(request: Request): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; status: number; message: string }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return { ok: false, status: 415, message: 'Send the body as JSON, with Content-Type: application/json' };
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BYTES) return { ok: false, status: 413, message: `The body must be at most ${MAX_JSON_BYTES} bytes` };
  let text: string;
  try {
    const buffer = await request.arrayBuffer();
    if (buffer.byteLength > MAX_JSON_BYTES) return { ok: false, status: 413, message: `The body must be at most ${MAX_JSON_BYTES} bytes` };
    text = new TextDecoder().decode(buffer);
  } catch {
    return { ok: false, status: 400, message: 'The body could not be read' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, message: 'The body is not valid JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, status: 400, message: 'The body must be a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
}
