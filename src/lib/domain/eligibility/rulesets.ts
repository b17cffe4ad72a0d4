/**
 * Every eligibility rule set, and the one used when a partner does not choose.
 */
import type { RuleSet } from './engine.ts';
import { sf2022 } from './rulesets/sf-2022.ts';
import { tfPhase1 } from './rulesets/tf-phase-1.ts';
import { tfPhase2KingstonRichmond } from './rulesets/tf-phase-2-kingston-richmond.ts';
import { tfPhase2 } from './rulesets/tf-phase-2.ts';

export const RULESETS: readonly RuleSet[] = [tfPhase2, tfPhase1, tfPhase2KingstonRichmond, sf2022];

/** Phase 2 is the default while no later set is chosen. */
export const DEFAULT_RULESET_ID = tfPhase2.id;

export function findRuleset(id: string): RuleSet | undefined {
  return RULESETS.find((r) => r.id === id);
}

/** The summary partners' systems get from `GET /api/eligibility/rulesets`. */
export function describeRuleset(r: RuleSet) {
  return { id: r.id, title: r.title, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, source: r.source, later: r.later ?? false };
}

/** The detail partners' systems get from `GET /api/eligibility/rulesets/<id>`. */
export function rulesetDetail(r: RuleSet) {
  return {
    ...describeRuleset(r),
    description: r.description,
    decision: r.decision.summary,
    criteria: r.criteria.map((c) => ({ key: c.key, title: c.title, kind: c.kind, description: c.description })),
    questions: r.questions.map((q) => ({
      key: q.key,
      text: q.text,
      ...(q.hint ? { hint: q.hint } : {}),
      type: q.type,
      criterion: q.criterion,
      ...(q.type === 'number' ? { min: q.min, max: q.max, integer: q.integer, ...(q.suffix ? { unit: q.suffix } : {}) } : {}),
      ...(q.type === 'choice' ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
    })),
  };
}
