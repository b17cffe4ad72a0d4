/**
 * The eligibility engine: evaluates a family's answers against a rule set held as data.
 * Pure: no Astro, no database, no I/O, so the self-check pages, the partners' JSON API and
 * the tests all run exactly the same rules.
 *
 * An unanswered question (or "not sure") never meets a criterion: the result lists it, so a
 * partner can see what finding it out might change.
 */

import type { PortalReading, Provenance } from './provenance.ts';

/**
 * `not-enough-information` is given when questions not yet answered could change the
 * outcome either way: the result lists what to find out instead of guessing.
 */
export type Outcome = 'likely' | 'local-discretion' | 'unlikely' | 'not-enough-information';

/** A decided outcome: what the known answers give when nothing unknown could change it. */
export type DecidedOutcome = Exclude<Outcome, 'not-enough-information'>;

/** A piece of advice (a next step, the consent needed) and where it comes from. */
export interface Step {
  text: string;
  source: Provenance;
}

/** A period a question looks back over, e.g. "the last 12 months", and where it comes from. */
export interface TimeWindow {
  /** As the question says it, e.g. "the last six months". */
  text: string;
  source: Provenance;
}

/**
 * What a criterion is for:
 * - `headline`: a national criterion, counted by the decision rule
 * - `local`: an area's own priority, counted by a local overlay
 * - `gate`: must be met before anything else counts (e.g. dependent children)
 * - `priority`: not eligibility, but how urgently an eligible family is likely to be seen
 */
export type CriterionKind = 'headline' | 'local' | 'gate' | 'priority';

export interface Criterion {
  key: string;
  title: string;
  kind: CriterionKind;
  /** One plain sentence on what the criterion covers. */
  description: string;
  /** What will be needed to show it, e.g. "school attendance records". */
  evidence: readonly string[];
  /** The document and words the criterion rests on, or the portal's reading and why. */
  source: Provenance;
}

interface QuestionBase {
  key: string;
  /** The question as asked, e.g. "Has a child in the family …?" */
  text: string;
  hint?: string;
  /** The criterion this question evidences. */
  criterion: string;
  /**
   * Questions about domestic abuse and health: the page offers a quick exit and the answer
   * is never put in a URL.
   */
  sensitive?: boolean;
  /** How a met answer reads in the result, e.g. "a child's attendance was 80%". */
  metReason: string;
  /**
   * The period the question looks back over, if any. Required whenever the question or its
   * hint names one (the provenance check looks for "last 12 months", "this school year"…).
   */
  window?: TimeWindow;
  /**
   * Where the question asks about more, or something more specific, than the criterion's
   * source names: the portal's reading of the criterion, shown with the question.
   */
  reading?: PortalReading;
}

export interface BooleanQuestion extends QuestionBase {
  type: 'boolean';
}

export type Comparison = '<=' | '>=' | '<' | '>';

export interface NumberQuestion extends QuestionBase {
  type: 'number';
  min: number;
  max: number;
  /** Only whole numbers (counts). */
  integer: boolean;
  /** Shown after the box, e.g. "%". */
  suffix?: string;
  /** The answer meets the criterion when `answer <op> value`. */
  meets: { op: Comparison; value: number };
  /** Where the threshold in `meets` comes from. */
  threshold: Provenance;
}

export interface ChoiceOption {
  value: string;
  label: string;
  /** Whether choosing this option meets the question's criterion. */
  meets: boolean;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'choice';
  options: readonly ChoiceOption[];
}

export type Question = BooleanQuestion | NumberQuestion | ChoiceQuestion;

export interface PriorityLevel {
  /** The `priority` criterion that puts a family at this level. */
  criterion: string;
  title: string;
  description: string;
  source: Provenance;
}

/** Where each part of a decision rule comes from; a part the rule uses must have one. */
export interface DecisionSources {
  /** The headline count for "likely". */
  likely: Provenance;
  /** The lower count for "local discretion". */
  discretion?: Provenance;
  /** The criteria required first. */
  required?: Provenance;
  /** The local overlay's count. */
  local?: Provenance;
  /** What a family meeting the national rule but no local criterion gets. */
  localOtherwise?: Provenance;
  /** The prioritisation into levels of need, and how the check places a family. */
  priority?: Provenance;
}

export interface DecisionRule {
  /** Criteria that must all be met first; if one is not, the family is unlikely to qualify. */
  required?: readonly string[];
  /** Counting the headline criteria met. */
  headline: {
    /** At least this many met: likely to qualify. */
    likely: number;
    /** At least this many (but fewer than `likely`): may qualify at local discretion. */
    discretion?: number;
  };
  /** An area's overlay: also needs at least this many local criteria met. */
  local?: {
    atLeast: number;
    /** What a family meeting the national rule but no local criterion gets. */
    otherwise: Exclude<DecidedOutcome, 'likely'>;
  };
  /**
   * The area's prioritisation of eligible families into levels of need, highest first.
   * A family is placed at the first level whose criterion is met.
   */
  priority?: { levels: readonly PriorityLevel[]; note: string };
  /** The rule in one plain sentence, shown with every result. */
  summary: string;
  sources: DecisionSources;
}

export interface RuleSet {
  id: string;
  title: string;
  /**
   * ISO dates. `effectiveTo` is null while a rule set is still in force. The title, the
   * pages and the API all take the period from here (see `periodLabel`).
   */
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Where the period's start and end come from. */
  periodSources: readonly Provenance[];
  /** The documents the criteria and thresholds come from. */
  source: string;
  /** A framework that came after the period the portal's guidance covers. */
  later?: boolean;
  /** One paragraph: who this rule set is for and when to use it. */
  description: string;
  criteria: readonly Criterion[];
  /** In the order they are asked. */
  questions: readonly Question[];
  decision: DecisionRule;
  /** What to do next if the family might qualify: this rule set's own route. */
  nextSteps: readonly Step[];
  /** What to do if the family is unlikely to qualify. */
  otherwise: readonly Step[];
  /** What to do while unknown answers could still change the outcome. */
  findOut: readonly Step[];
  /** What the family must agree to before anything is shared. */
  consent: Step;
}

/** `true`/`false` for yes/no, a number, or a choice's value. Absent means not known. */
export type AnswerValue = boolean | number | string;
export type Answers = Readonly<Record<string, AnswerValue>>;

export interface Reason {
  criterion: string;
  question: string;
  /** E.g. "a child's attendance was 80% (85% or less counts)". */
  text: string;
}

export interface Evaluation {
  ruleset: string;
  outcome: Outcome;
  /** Keys of the criteria met, in the rule set's order. */
  criteriaMet: string[];
  /** Why each criterion was met: one line per answer that met it. */
  reasons: Reason[];
  /** Questions not answered (or answered "not sure"), in the order asked. */
  unanswered: string[];
  /**
   * Unanswered questions whose answer could change the outcome, in the order asked: empty
   * unless the outcome is `not-enough-information`.
   */
  toFindOut: string[];
  /** Counts the decision used. */
  counts: { headline: number; local: number };
  /** The indicative level of need, for rule sets that prioritise. */
  priority: PriorityLevel | null;
  /** Evidence that will be needed for the criteria met. */
  evidence: { criterion: string; items: readonly string[] }[];
  nextSteps: readonly Step[];
}

const COMPARE: Record<Comparison, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
};

const COMPARISON_WORDS: Record<Comparison, string> = {
  '<=': 'or less',
  '>=': 'or more',
  '<': 'less than',
  '>': 'more than',
};

/** "85% or less", "3 or more", "less than 15%". */
export function describeThreshold(question: NumberQuestion): string {
  const value = `${question.meets.value}${question.suffix ?? ''}`;
  const words = COMPARISON_WORDS[question.meets.op];
  return question.meets.op === '<' || question.meets.op === '>' ? `${words} ${value}` : `${value} ${words}`;
}

/** Whether one answer meets its question's criterion. An absent answer never does. */
export function answerMeets(question: Question, answer: AnswerValue | undefined): boolean {
  if (answer === undefined) return false;
  switch (question.type) {
    case 'boolean':
      return answer === true;
    case 'number':
      return typeof answer === 'number' && COMPARE[question.meets.op](answer, question.meets.value);
    case 'choice':
      return question.options.some((o) => o.value === answer && o.meets);
  }
}

/** How an answer that met its criterion reads in a result. */
function reasonText(question: Question, answer: AnswerValue): string {
  if (question.type === 'number') {
    return `${question.metReason}: ${answer}${question.suffix ?? ''} (${describeThreshold(question)} counts)`;
  }
  if (question.type === 'choice') {
    const label = question.options.find((o) => o.value === answer)?.label ?? String(answer);
    return `${question.metReason}: ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  }
  return question.metReason;
}

/** Evaluates answers, which may be partial, against a rule set. */
export function evaluate(ruleset: RuleSet, answers: Answers): Evaluation {
  const met = new Set<string>();
  const reasons: Reason[] = [];
  const unanswered: string[] = [];
  for (const question of ruleset.questions) {
    const answer = answers[question.key];
    if (answer === undefined) {
      unanswered.push(question.key);
      continue;
    }
    if (answerMeets(question, answer)) {
      met.add(question.criterion);
      reasons.push({ criterion: question.criterion, question: question.key, text: reasonText(question, answer) });
    }
  }

  const ofKind = (kind: CriterionKind) => ruleset.criteria.filter((c) => c.kind === kind && met.has(c.key)).length;
  const counts = { headline: ofKind('headline'), local: ofKind('local') };
  const rule = ruleset.decision;
  // Every outcome the unknown answers could still lead to. The rule depends only on how many
  // headline and local criteria are met and whether every required one is, so trying each
  // count of unknowns met covers every combination.
  const unknown = ruleset.questions.filter((q) => answers[q.key] === undefined && !met.has(q.criterion) && kindOf(ruleset, q.criterion) !== 'priority');
  const open = new Set(unknown.map((q) => q.criterion));
  const state = countState(ruleset, met, open);
  const reachable = reachableOutcomes(rule, state);
  const outcome: Outcome = reachable.size === 1 ? [...reachable][0]! : 'not-enough-information';
  const relevant = outcome === 'not-enough-information' ? new Set([...open].filter((c) => couldChangeOutcome(ruleset, state, c))) : new Set<string>();
  const toFindOut = unknown.filter((q) => relevant.has(q.criterion)).map((q) => q.key);

  const priority =
    (outcome === 'likely' || outcome === 'local-discretion') && rule.priority ? (rule.priority.levels.find((level) => met.has(level.criterion)) ?? null) : null;

  const criteriaMet = ruleset.criteria.filter((c) => met.has(c.key) && c.kind !== 'priority').map((c) => c.key);
  return {
    ruleset: ruleset.id,
    outcome,
    criteriaMet,
    reasons,
    unanswered,
    toFindOut,
    counts,
    priority,
    evidence: ruleset.criteria
      .filter((c) => criteriaMet.includes(c.key) && c.evidence.length > 0)
      .map((c) => ({ criterion: c.key, items: c.evidence })),
    nextSteps: outcome === 'unlikely' ? ruleset.otherwise : outcome === 'not-enough-information' ? ruleset.findOut : ruleset.nextSteps,
  };
}

function kindOf(ruleset: RuleSet, criterion: string): CriterionKind | undefined {
  return ruleset.criteria.find((c) => c.key === criterion)?.kind;
}

/** What the decision rule needs to know: counts met, counts still open, and the gates. */
interface CountState {
  headline: number;
  local: number;
  openHeadline: number;
  openLocal: number;
  /** Required criteria neither met nor open: if any, the family cannot qualify. */
  gatesFailed: number;
  /** Required criteria still open. */
  openGates: number;
}

function countState(ruleset: RuleSet, met: ReadonlySet<string>, open: ReadonlySet<string>): CountState {
  const of = (kind: CriterionKind, set: ReadonlySet<string>) => ruleset.criteria.filter((c) => c.kind === kind && set.has(c.key)).length;
  const required = ruleset.decision.required ?? [];
  return {
    headline: of('headline', met),
    local: of('local', met),
    openHeadline: of('headline', open),
    openLocal: of('local', open),
    gatesFailed: required.filter((k) => !met.has(k) && !open.has(k)).length,
    openGates: required.filter((k) => open.has(k)).length,
  };
}

/** The decision rule applied to counts of criteria met. */
function decideCounts(rule: DecisionRule, headline: number, local: number, gatesMet: boolean): DecidedOutcome {
  if (!gatesMet) return 'unlikely';
  let outcome: DecidedOutcome = 'unlikely';
  if (headline >= rule.headline.likely) outcome = 'likely';
  else if (rule.headline.discretion !== undefined && headline >= rule.headline.discretion) outcome = 'local-discretion';
  if (outcome === 'likely' && rule.local && local < rule.local.atLeast) outcome = rule.local.otherwise;
  return outcome;
}

/** Every outcome some combination of the open criteria could give. */
function reachableOutcomes(rule: DecisionRule, s: CountState): Set<DecidedOutcome> {
  const outcomes = new Set<DecidedOutcome>();
  const gateOptions = s.gatesFailed > 0 ? [false] : s.openGates > 0 ? [true, false] : [true];
  for (let h = 0; h <= s.openHeadline; h++)
    for (let l = 0; l <= s.openLocal; l++) for (const gates of gateOptions) outcomes.add(decideCounts(rule, s.headline + h, s.local + l, gates));
  return outcomes;
}

/** Whether finding out one open criterion could change the outcome, whatever the others turn out to be. */
function couldChangeOutcome(ruleset: RuleSet, s: CountState, criterion: string): boolean {
  const rule = ruleset.decision;
  const kind = kindOf(ruleset, criterion);
  const isGate = (rule.required ?? []).includes(criterion);
  if (s.gatesFailed > 0) return false;
  for (let h = 0; h <= s.openHeadline - (kind === 'headline' ? 1 : 0); h++) {
    for (let l = 0; l <= s.openLocal - (kind === 'local' ? 1 : 0); l++) {
      // The other open gates are taken as met: a gate not met decides the outcome on its own.
      const withIt = decideCounts(rule, s.headline + h + (kind === 'headline' ? 1 : 0), s.local + l + (kind === 'local' ? 1 : 0), true);
      const without = decideCounts(rule, s.headline + h, s.local + l, !isGate);
      if (withIt !== without) return true;
    }
  }
  return false;
}

/** The years a rule set covers, e.g. "2015 to 2020" or "from 2022". */
export function periodYears(ruleset: Pick<RuleSet, 'effectiveFrom' | 'effectiveTo'>): string {
  const from = ruleset.effectiveFrom.slice(0, 4);
  return ruleset.effectiveTo ? `${from} to ${ruleset.effectiveTo.slice(0, 4)}` : `from ${from}`;
}

/**
 * The questions still worth asking, in order, given the answers so far: once a criterion is
 * met, its other questions are skipped, since they cannot change the result. (Questions for
 * local and priority criteria are always asked: an area counts how many it meets.)
 */
export function questionsToAsk(ruleset: RuleSet, answers: Answers): Question[] {
  const metBefore = new Set<string>();
  const asked: Question[] = [];
  for (const question of ruleset.questions) {
    const kind = ruleset.criteria.find((c) => c.key === question.criterion)?.kind;
    const skippable = kind === 'headline' || kind === 'gate';
    if (skippable && metBefore.has(question.criterion)) continue;
    asked.push(question);
    if (answerMeets(question, answers[question.key])) metBefore.add(question.criterion);
  }
  return asked;
}

/**
 * The answers that still matter: those to questions on the current path. Answers may
 * include `null` ("not sure", as the question pages keep them): such a question stays on the
 * path like an unanswered one, and its `null` is kept when it does.
 */
export function pruneAnswers<V extends AnswerValue | null>(ruleset: RuleSet, answers: Readonly<Record<string, V>>): Record<string, V> {
  const known = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null)) as Answers;
  const keys = new Set(questionsToAsk(ruleset, known).map((q) => q.key));
  return Object.fromEntries(Object.entries(answers).filter(([key]) => keys.has(key)));
}

export type AnswerError = { ok: false; message: string };
export type AnswerResult = { ok: true; value: AnswerValue | undefined } | AnswerError;

/**
 * Checks one answer from a JSON body (`true`, `72.5`, `"yes"`) against its question.
 * `null` means "not known". Messages say what is wrong in words a partner's developer and a
 * practitioner can both act on.
 */
export function checkAnswer(question: Question, raw: unknown): AnswerResult {
  if (raw === null) return { ok: true, value: undefined };
  switch (question.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, message: 'Must be true, false or null' };
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false, message: 'Must be a number or null' };
      return checkNumber(question, raw);
    }
    case 'choice':
      return typeof raw === 'string' && question.options.some((o) => o.value === raw)
        ? { ok: true, value: raw }
        : { ok: false, message: `Must be one of ${question.options.map((o) => `"${o.value}"`).join(', ')}, or null` };
  }
}

/** Range and whole-number checks shared by the API and the question pages. */
export function checkNumber(question: NumberQuestion, value: number): { ok: true; value: number } | AnswerError {
  const unit = question.suffix ?? '';
  if (question.integer && !Number.isInteger(value)) return { ok: false, message: 'Must be a whole number' };
  if (value < question.min) return { ok: false, message: `Must be ${question.min}${unit} or more` };
  if (value > question.max) return { ok: false, message: `Must be ${question.max}${unit} or less` };
  return { ok: true, value };
}

/**
 * Checks a whole set of answers, as the API receives them: unknown question keys and invalid
 * values are errors, keyed by question.
 */
export function checkAnswers(ruleset: RuleSet, raw: Record<string, unknown>): { ok: true; answers: Answers } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const answers: Record<string, AnswerValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const question = ruleset.questions.find((q) => q.key === key);
    if (!question) {
      errors[key] = `Not a question in rule set ${ruleset.id}`;
      continue;
    }
    const checked = checkAnswer(question, value);
    if (!checked.ok) errors[key] = checked.message;
    else if (checked.value !== undefined) answers[key] = checked.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}
