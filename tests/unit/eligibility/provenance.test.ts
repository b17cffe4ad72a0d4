import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { RuleSet } from '../../../src/lib/domain/eligibility/engine.ts';
import { SOURCE_DOCUMENTS, portalReading, programmeRule, provenanceProblem, type Provenance } from '../../../src/lib/domain/eligibility/provenance.ts';
import { RULESETS, findRuleset } from '../../../src/lib/domain/eligibility/rulesets.ts';
import { findMissingProvenance, namesPeriod, sourcedRules } from '../../../src/lib/domain/eligibility/sources.ts';

const ruleset = (id: string): RuleSet => findRuleset(id)!;
const find = (r: RuleSet, ref: string): Provenance => sourcedRules(r).find((x) => x.ref === ref)!.source!;

describe('findMissingProvenance (also run by npm run check:sources)', () => {
  test('every rule in every rule set has a source or a reason', () => {
    expect(findMissingProvenance(RULESETS)).toEqual([]);
  });

  test('covers criteria, thresholds, time windows, the decision rule, levels, next steps, consent and the period', () => {
    for (const r of RULESETS) {
      const kinds = new Set(sourcedRules(r).map((x) => x.kind));
      for (const kind of ['period', 'criterion', 'decision', 'next-step', 'consent'] as const) expect(kinds, `${r.id} ${kind}`).toContain(kind);
    }
    const kinds = new Set(sourcedRules(ruleset('tf-phase-2')).map((x) => x.kind));
    expect(kinds).toContain('threshold');
    expect(kinds).toContain('time-window');
    expect(new Set(sourcedRules(ruleset('tf-phase-2-kingston-richmond')).map((x) => x.kind))).toContain('priority-level');
  });

  const broken = (change: (r: RuleSet) => RuleSet) => findMissingProvenance([change(ruleset('tf-phase-2-kingston-richmond'))]);

  test.each<[string, (r: RuleSet) => RuleSet, RegExp]>([
    ['a criterion without a source', (r) => ({ ...r, criteria: r.criteria.map((c, i) => (i === 0 ? { ...c, source: undefined as never } : c)) }), /criterion:crime-asb: no source/],
    [
      'a threshold without a source',
      (r) => ({ ...r, questions: r.questions.map((q) => (q.key === 'attendance' ? { ...q, threshold: undefined as never } : q)) }),
      /threshold:attendance: no source/,
    ],
    [
      'a question naming a period without a time window',
      (r) => ({ ...r, questions: r.questions.map((q) => (q.key === 'child-crime-asb' ? { ...q, window: undefined } : q)) }),
      /time-window:child-crime-asb: no source/,
    ],
    ['a decision rule part without a source', (r) => ({ ...r, decision: { ...r.decision, sources: { likely: r.decision.sources.likely } } }), /decision:local: no source/],
    [
      "a portal's reading without its reason",
      (r) => ({ ...r, decision: { ...r.decision, sources: { ...r.decision.sources, priority: { basis: 'reading', reason: '' } } } }),
      /decision:priority: a portal's reading without its reason/,
    ],
    ['a next step without a source', (r) => ({ ...r, nextSteps: [{ text: 'Do something.', source: undefined as never }] }), /next-step:1: no source/],
    ['the period without a source', (r) => ({ ...r, periodSources: [] }), /period: no source/],
  ])('reports %s', (_label, change, message) => {
    expect(broken(change).join('\n')).toMatch(message);
  });

  test.each<[Provenance, string | null]>([
    [programmeRule('003_819ce969de96165e.txt', 'at least two'), null],
    [{ basis: 'programme', document: '003_819ce969de96165e.txt', quote: ' ' }, 'a programme rule without the words it rests on'],
    [{ basis: 'programme', document: 'elsewhere.txt' as never, quote: 'words' }, 'unknown document "elsewhere.txt"'],
    [portalReading('The sources do not set a period; this check uses a year.'), null],
    [{ basis: 'reading', reason: 'Because.' }, "a portal's reading without its reason"],
    [programmeRule('000_7879946378b0d45b.txt', Array(41).fill('word').join(' ')), 'a quotation of more than 40 words'],
  ])('provenanceProblem(%o) is %s', (p, problem) => {
    expect(provenanceProblem(p)).toBe(problem);
  });

  test('notices periods named in a question or its hint', () => {
    const base = { key: 'k', type: 'boolean' as const, criterion: 'c', metReason: 'r' };
    expect(namesPeriod({ ...base, text: 'In the last six months, has…?' })).toBe(true);
    expect(namesPeriod({ ...base, text: 'Has…?', hint: 'As a share of sessions this school year.' })).toBe(true);
    expect(namesPeriod({ ...base, text: 'in the last 12 months?' })).toBe(true);
    expect(namesPeriod({ ...base, text: 'Is an adult out of work?' })).toBe(false);
  });

  test('every document named is one of the five source documents', () => {
    for (const r of RULESETS) for (const rule of sourcedRules(r)) if (rule.source?.document) expect(Object.keys(SOURCE_DOCUMENTS)).toContain(rule.source.document);
  });
});

describe("the programme's rules and the portal's readings", () => {
  test("Phase 2's two-of-six rule is the programme's (seed 003)", () => {
    expect(find(ruleset('tf-phase-2'), 'decision:likely')).toMatchObject({ basis: 'programme', document: '003_819ce969de96165e.txt' });
  });

  test.each<[string, string]>([
    ['tf-phase-2', 'threshold:attendance'],
    ['tf-phase-2', 'threshold:fixed-exclusions'],
    ['tf-phase-2', 'time-window:child-crime-asb'],
    ['tf-phase-2', 'time-window:attendance'],
    ['tf-phase-1', 'decision:likely'],
    ['tf-phase-1', 'decision:discretion'],
    ['tf-phase-1', 'threshold:unauthorised-absence-rate'],
    ['tf-phase-1', 'threshold:fixed-exclusions'],
    ['tf-phase-1', 'time-window:youth-offence'],
    ['tf-phase-1', 'time-window:asb'],
    ['tf-phase-2-kingston-richmond', 'decision:priority'],
  ])("%s %s is marked as the portal's reading, with its reason", (id, ref) => {
    const p = find(ruleset(id), ref);
    expect(p.basis).toBe('reading');
    if (p.basis === 'reading') expect(p.reason.length).toBeGreaterThan(40);
  });

  test('fixed exclusions: the sources give fewer than three as a result, so three or more as an entry test is a reading', () => {
    const p = find(ruleset('tf-phase-2'), 'threshold:fixed-exclusions');
    expect(p.basis === 'reading' && p.reason).toMatch(/result/);
  });

  test("Phase 1's year-one absence measure is the programme's (seed 001)", () => {
    expect(find(ruleset('tf-phase-1'), 'threshold:unauthorised-absences')).toMatchObject({ basis: 'programme', document: '001_2405a645ae975d27.txt' });
  });

  test("Kingston and Richmond's local rule, its 'otherwise' and the required characteristics are the framework's (seed 003)", () => {
    const kr = ruleset('tf-phase-2-kingston-richmond');
    for (const ref of ['decision:local', 'decision:localOtherwise', 'decision:required', 'criterion:consent', 'criterion:many-services']) {
      expect(find(kr, ref), ref).toMatchObject({ basis: 'programme', document: '003_819ce969de96165e.txt' });
    }
  });
});

describe("one source of truth for a rule set's dates", () => {
  test("the portal's Phase 2 guidance page gives the same end as the rule set", () => {
    const r = ruleset('tf-phase-2');
    const page = readFileSync(new URL('../../../content/guidance/programme/phase-2.mdx', import.meta.url), 'utf8');
    const end = new Date(r.effectiveTo!).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });
    expect(end).toBe('March 2020');
    expect(page).toContain(`runs until ${end}`);
    expect(page).not.toMatch(/2015 to 2022|until (March )?2022/);
  });

  test('Kingston and Richmond shares Phase 2 dates', () => {
    const kr = ruleset('tf-phase-2-kingston-richmond');
    const p2 = ruleset('tf-phase-2');
    expect([kr.effectiveFrom, kr.effectiveTo]).toEqual([p2.effectiveFrom, p2.effectiveTo]);
  });
});
