/**
 * Every eligibility rule set, and the one used when a partner does not choose.
 */
import { periodYears, type Evaluation, type RuleSet, type Step } from './engine.ts';
import { provenanceToJson } from './provenance.ts';
import { sourcedRules } from './sources.ts';
import { sf2022 } from './rulesets/sf-2022.ts';
import { tfPhase1 } from './rulesets/tf-phase-1.ts';
import { tfPhase2KingstonRichmond } from './rulesets/tf-phase-2-kingston-richmond.ts';
import { tfPhase2 } from './rulesets/tf-phase-2.ts';

export const RULESETS: readonly RuleSet[] = [tfPhase2, tfPhase1, tfPhase2KingstonRichmond, sf2022];

/** Phase 2 is the default while no later set is chosen. */
export const DEFAULT_RULESET_ID = tfPhase2.id;

/** Finds a rule set by its id. */
export function findRuleset(id: string): RuleSet | undefined {
  return RULESETS.find((r) => r.id === id);
}

/** The summary partners' systems get from `GET /api/eligibility/rulesets`. */
export function describeRuleset(r: RuleSet) {
  return {
    id: r.id,
    title: r.title,
    period: periodYears(r),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    periodSources: r.periodSources.map(provenanceToJson),
    source: r.source,
    later: r.later ?? false,
  };
}

/** A next step (or the consent needed) as the API gives it. */
export function stepToJson(step: Step) {
  return { text: step.text, provenance: provenanceToJson(step.source) };
}

/** Every rule in the rule set with where it comes from, as the API gives it. */
export function provenanceDetail(r: RuleSet) {
  return sourcedRules(r).map((rule) => ({ ref: rule.ref, kind: rule.kind, rule: rule.rule, provenance: rule.source ? provenanceToJson(rule.source) : null }));
}

/** The result of a check as `POST /api/eligibility/check` gives it. */
export function evaluationToJson(r: RuleSet, result: Evaluation) {
  return {
    ruleset: r.id,
    rulesetTitle: r.title,
    period: periodYears(r),
    outcome: result.outcome,
    criteriaMet: result.criteriaMet,
    reasons: result.reasons,
    unanswered: result.unanswered,
    toFindOut: result.toFindOut.map((key) => ({ question: key, text: r.questions.find((q) => q.key === key)!.text })),
    priority: result.priority ? { level: result.priority.criterion, title: result.priority.title, provenance: provenanceToJson(result.priority.source) } : null,
    evidence: result.evidence,
    consent: stepToJson(r.consent),
    nextSteps: result.nextSteps.map(stepToJson),
    decision: { summary: r.decision.summary },
    provenance: provenanceDetail(r),
    notADecision: 'This is a guide to whether the family might qualify, not a decision.',
  };
}

/** The detail partners' systems get from `GET /api/eligibility/rulesets/<id>`. */
export function rulesetDetail(r: RuleSet) {
  return {
    ...describeRuleset(r),
    description: r.description,
    decision: r.decision.summary,
    criteria: r.criteria.map((c) => ({ key: c.key, title: c.title, kind: c.kind, description: c.description, provenance: provenanceToJson(c.source) })),
    questions: r.questions.map((q) => ({
      key: q.key,
      text: q.text,
      ...(q.hint ? { hint: q.hint } : {}),
      type: q.type,
      criterion: q.criterion,
      ...(q.type === 'number'
        ? { min: q.min, max: q.max, integer: q.integer, ...(q.suffix ? { unit: q.suffix } : {}), threshold: { op: q.meets.op, value: q.meets.value, provenance: provenanceToJson(q.threshold) } }
        : {}),
      ...(q.window ? { timeWindow: { text: q.window.text, provenance: provenanceToJson(q.window.source) } } : {}),
      ...(q.reading ? { reading: provenanceToJson(q.reading) } : {}),
      ...(q.type === 'choice' ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
    })),
    nextSteps: r.nextSteps.map(stepToJson),
    otherwise: r.otherwise.map(stepToJson),
    consent: stepToJson(r.consent),
    provenance: provenanceDetail(r),
  };
}
