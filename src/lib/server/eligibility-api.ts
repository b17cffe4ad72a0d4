/**
 * Wraps the partners' eligibility API endpoints: every response is JSON, a method an endpoint
 * does not support gets 405 with `Allow`, `OPTIONS` answers preflights, and cross-origin
 * callers listed in `ELIGIBILITY_API_ORIGINS` get CORS headers (nobody does by default).
 */
import type { APIContext, APIRoute } from 'astro';
import { ELIGIBILITY_API_ORIGINS } from 'astro:env/server';
import { allowHeader, corsHeaders, parseAllowedOrigins, preflightHeaders, type ApiMethod } from '../domain/eligibility/api-http.ts';
import { json } from './json.ts';

/** Origins allowed to call the API from a browser, read once at start. */
export const allowedOrigins = parseAllowedOrigins(ELIGIBILITY_API_ORIGINS);

type Handlers = Partial<Record<'GET' | 'POST', APIRoute>>;

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'Vary' && response.headers.has('Vary')) response.headers.set('Vary', `${response.headers.get('Vary')}, ${value}`);
    else response.headers.set(name, value);
  }
  return response;
}

/** The route exports for one endpoint: its handlers, plus HEAD, OPTIONS and a 405 for anything else. */
export function apiEndpoint(handlers: Handlers): Record<string, APIRoute> {
  const methods = Object.keys(handlers) as ApiMethod[];
  const cors = (context: APIContext) => corsHeaders(context.request.headers.get('origin'), allowedOrigins);
  const routes: Record<string, APIRoute> = {};
  for (const [method, handler] of Object.entries(handlers)) {
    routes[method] = async (context) => withHeaders(await handler!(context), cors(context));
  }
  if (handlers.GET) {
    const get = handlers.GET;
    routes.HEAD = async (context) => {
      const response = await get(context);
      return withHeaders(new Response(null, { status: response.status, headers: response.headers }), cors(context));
    };
  }
  routes.OPTIONS = ({ request }) =>
    new Response(null, {
      status: 204,
      headers: preflightHeaders(
        {
          origin: request.headers.get('origin'),
          method: request.headers.get('access-control-request-method'),
          headers: request.headers.get('access-control-request-headers'),
        },
        methods,
        allowedOrigins,
      ),
    });
  routes.ALL = (context) =>
    withHeaders(
      json({ error: 'method-not-allowed', message: `${context.request.method} is not allowed here: use ${allowHeader(methods)}` }, 405, { Allow: allowHeader(methods) }),
      cors(context),
    );
  return routes;
}
