/**
 * `npm run check:sources`: lists every eligibility rule (criterion, threshold, time window,
 * decision rule, level of need, next step, consent, period) that has neither a source (a
 * document and the words it rests on) nor a reason for the portal's reading, and exits
 * non-zero if there is any. Also prints how many rules are the programme's and how many are
 * the portal's readings, so a reviewer can see the balance.
 */
import { RULESETS } from '../lib/domain/eligibility/rulesets.ts';
import { findMissingProvenance, sourcedRules } from '../lib/domain/eligibility/sources.ts';

for (const ruleset of RULESETS) {
  const rules = sourcedRules(ruleset);
  const programme = rules.filter((r) => r.source?.basis === 'programme').length;
  const readings = rules.filter((r) => r.source?.basis === 'reading').length;
  console.log(`${ruleset.id}: ${rules.length} rules, ${programme} from the source documents, ${readings} the portal's reading`);
}

const missing = findMissingProvenance(RULESETS);
if (missing.length > 0) {
  console.error(`\n${missing.length} rule(s) without provenance:`);
  for (const line of missing) console.error(`  ${line}`);
  process.exit(1);
}
console.log('\nEvery rule has a source or a reason.');
