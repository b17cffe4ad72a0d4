import { describe, expect, test } from 'vitest';
import * as check from '../../src/pages/api/eligibility/check.ts';
import * as detail from '../../src/pages/api/eligibility/rulesets/[id].ts';
import * as list from '../../src/pages/api/eligibility/rulesets/index.ts';

/**
 * The partners' API endpoints as Astro calls them: the module's export for the method, or
 * `ALL` for any other. (The browser tests call the same endpoints through the built server,
 * including Astro's routing and the origin check.)
 */
type Route = (context: never) => Response | Promise<Response>;
async function call(mod: Record<string, unknown>, request: Request, params: Record<string, string> = {}): Promise<Response> {
  const handler = (mod[request.method] ?? mod.ALL) as Route;
  return handler({ request, params, url: new URL(request.url) } as never);
}
const url = 'http://localhost/api/eligibility/check';
const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => new Request(url, { method: 'POST', body, headers });

describe('POST /api/eligibility/check', () => {
  test('"Not sure" to everything is not enough information, listing what to find out', async () => {
    const response = await call(check, post('{"ruleset":"tf-phase-2","answers":{}}'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.outcome).toBe('not-enough-information');
    expect(body.toFindOut.map((q: { question: string }) => q.question)).toContain('domestic-abuse');
    expect(body.nextSteps[0]).toMatchObject({ text: expect.stringMatching(/What to find out/), provenance: { basis: 'reading' } });
  });

  test('a decided result carries its next steps and rules with their provenance', async () => {
    const response = await call(check, post('{"ruleset":"tf-phase-2","answers":{"health":true,"domestic-abuse":true}}'));
    const body = await response.json();
    expect(body.outcome).toBe('likely');
    expect(body.period).toBe('2015 to 2020');
    expect(body.nextSteps.some((s: { text: string }) => /early help notification/.test(s.text))).toBe(true);
    expect(body.provenance.find((r: { ref: string }) => r.ref === 'decision:likely').provenance).toMatchObject({
      basis: 'programme',
      document: '003_819ce969de96165e.txt',
      quote: expect.any(String),
    });
    expect(body.provenance.find((r: { ref: string }) => r.ref === 'threshold:attendance').provenance).toMatchObject({ basis: 'reading', reason: expect.stringMatching(/85%/) });
    expect(body.consent.provenance.basis).toBe('programme');
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded'])('a %s body gets a JSON 415', async (type) => {
    const response = await call(check, post('ruleset=tf-phase-2', { 'Content-Type': type }));
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('accept-post')).toBe('application/json');
    expect(await response.json()).toMatchObject({ error: 'unsupported-media-type' });
  });

  test.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s gets a JSON 405 with Allow', async (method) => {
    const response = await call(check, new Request(url, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: 'method-not-allowed' });
  });

  test('OPTIONS says Allow and, with no partner origins set, grants no cross-origin use', async () => {
    const response = await call(
      check,
      new Request(url, { method: 'OPTIONS', headers: { Origin: 'https://partner.example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /api/eligibility/rulesets', () => {
  test('lists the rule sets with Phase 2 ending in March 2020', async () => {
    const response = await call(list, new Request('http://localhost/api/eligibility/rulesets'));
    const body = await response.json();
    expect(body[0]).toMatchObject({ id: 'tf-phase-2', effectiveFrom: '2015-04-01', effectiveTo: '2020-03-31', period: '2015 to 2020' });
    expect(body[0].periodSources[1]).toMatchObject({ basis: 'programme', document: '002_e00246ac28e39f9e.txt' });
  });

  test('POST to the list gets a 405 saying GET, HEAD, OPTIONS', async () => {
    const response = await call(list, new Request('http://localhost/api/eligibility/rulesets', { method: 'POST' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  test('HEAD answers like GET without a body', async () => {
    const response = await call(list, new Request('http://localhost/api/eligibility/rulesets', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  test("one rule set's detail gives every criterion's and threshold's provenance", async () => {
    const response = await call(detail, new Request('http://localhost/api/eligibility/rulesets/tf-phase-1'), { id: 'tf-phase-1' });
    const body = await response.json();
    expect(body.criteria.find((c: { key: string }) => c.key === 'worklessness')).toMatchObject({
      title: 'Long-term worklessness',
      provenance: { basis: 'programme', document: '001_2405a645ae975d27.txt' },
    });
    expect(body.questions.find((q: { key: string }) => q.key === 'unauthorised-absences').threshold).toMatchObject({ op: '>', value: 3, provenance: { basis: 'programme' } });
    expect(body.questions.find((q: { key: string }) => q.key === 'asb').timeWindow).toMatchObject({ text: 'the last 12 months', provenance: { basis: 'reading' } });
    expect(body.provenance.every((r: { provenance: unknown }) => r.provenance !== null)).toBe(true);
  });
});
