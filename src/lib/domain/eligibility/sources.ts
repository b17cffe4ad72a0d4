/**
 * Every rule in a rule set with its provenance, as one list: what the pages and the API show
 * under "Where these rules come from", and what the provenance check walks.
 */
import { describeThreshold, type DecisionSources, type Question, type RuleSet } from './engine.ts';
import { provenanceProblem, type Provenance } from './provenance.ts';

export type RuleKind = 'period' | 'criterion' | 'threshold' | 'time-window' | 'question' | 'decision' | 'priority-level' | 'next-step' | 'consent';

/** One rule and where it comes from. */
export interface SourcedRule {
  /** A stable reference, e.g. "criterion:crime-asb" or "threshold:attendance". */
  ref: string;
  kind: RuleKind;
  /** What the rule says, in a few words, e.g. "85% or less". */
  rule: string;
  /** May be missing only in a rule set under construction: the check reports it. */
  source: Provenance | undefined;
}

const DECISION_PARTS: Record<keyof DecisionSources, string> = {
  likely: 'the count of headline criteria for "likely to qualify"',
  discretion: 'the lower count for "may qualify at local discretion"',
  required: 'the criteria every family must meet first',
  local: 'the count of local priorities needed',
  localOtherwise: 'what a family meeting the national rule but no local priority gets',
  priority: 'the levels of need and how the check indicates one',
};

// A question or hint that names a period must say where the period comes from.
const PERIOD_WORDS = /\b(last|past)\s+(\d+|one|two|three|six|twelve)?\s*(school\s+)?(months?|years?|terms?|weeks?)\b|\bthis school year\b|\bin one year\b|\blong time\b|\blong-term\b/i;

/** Whether a question names a period, so must carry a time window. */
export function namesPeriod(question: Question): boolean {
  return PERIOD_WORDS.test(question.text) || PERIOD_WORDS.test(question.hint ?? '');
}

/** Every rule in a rule set, with its provenance (or `undefined` where one is missing). */
export function sourcedRules(ruleset: RuleSet): SourcedRule[] {
  const rules: SourcedRule[] = [];
  const period = ruleset.effectiveTo ? `${ruleset.effectiveFrom} to ${ruleset.effectiveTo}` : `from ${ruleset.effectiveFrom}`;
  if (ruleset.periodSources.length === 0) rules.push({ ref: 'period', kind: 'period', rule: period, source: undefined });
  ruleset.periodSources.forEach((source, i) => rules.push({ ref: `period:${i + 1}`, kind: 'period', rule: period, source }));

  for (const c of ruleset.criteria) rules.push({ ref: `criterion:${c.key}`, kind: 'criterion', rule: c.title, source: c.source });

  for (const q of ruleset.questions) {
    if (q.type === 'number') rules.push({ ref: `threshold:${q.key}`, kind: 'threshold', rule: describeThreshold(q), source: q.threshold });
    if (q.window || namesPeriod(q)) rules.push({ ref: `time-window:${q.key}`, kind: 'time-window', rule: q.window?.text ?? '(not given)', source: q.window?.source });
    if (q.reading) rules.push({ ref: `question:${q.key}`, kind: 'question', rule: q.text, source: q.reading });
  }

  const d = ruleset.decision;
  const used: (keyof DecisionSources)[] = ['likely'];
  if (d.headline.discretion !== undefined) used.push('discretion');
  if (d.required?.length) used.push('required');
  if (d.local) used.push('local', 'localOtherwise');
  if (d.priority) used.push('priority');
  for (const part of used) rules.push({ ref: `decision:${part}`, kind: 'decision', rule: DECISION_PARTS[part], source: d.sources?.[part] });
  for (const level of d.priority?.levels ?? []) rules.push({ ref: `priority-level:${level.criterion}`, kind: 'priority-level', rule: level.title, source: level.source });

  [...ruleset.nextSteps, ...ruleset.otherwise, ...ruleset.findOut].forEach((step, i) =>
    rules.push({ ref: `next-step:${i + 1}`, kind: 'next-step', rule: step.text, source: step.source }),
  );
  rules.push({ ref: 'consent', kind: 'consent', rule: ruleset.consent.text, source: ruleset.consent.source });
  return rules;
}

/** "tf-phase-2 threshold:attendance: no source and no reading", one line per gap. */
export function findMissingProvenance(rulesets: readonly RuleSet[]): string[] {
  const problems: string[] = [];
  for (const ruleset of rulesets) {
    for (const rule of sourcedRules(ruleset)) {
      const problem = provenanceProblem(rule.source);
      if (problem) problems.push(`${ruleset.id} ${rule.ref}: ${problem}`);
    }
  }
  return problems;
}
