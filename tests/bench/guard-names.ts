/**
 * How the guard's first-name detection was chosen: compromise's person-name detection
 * against the first-name list with context rules, on the development part of the corpus.
 * Prints figures; compromise is a dev dependency used only here and to build the list.
 *
 *   node tests/bench/guard-names.ts
 *
 * Recall is over the sentences labelled as names (with or without a role word); false alarms
 * are over the safe sentences. Time is per 2,000-character post (median of 200 runs).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { checkPersonalData } from '../../src/lib/domain/forum/guard.ts';

interface Entry {
  text: string;
  label: 'refuse' | 'hold' | 'safe';
  kind: string;
}
const here = dirname(fileURLToPath(import.meta.url));
const dev = JSON.parse(readFileSync(join(here, '../unit/forum/guard-corpus/dev.json'), 'utf8')) as Entry[];
const names = dev.filter((e) => e.kind === 'name');
const safe = dev.filter((e) => e.label === 'safe');

const detectors: Record<string, (text: string) => boolean> = {
  'compromise people()': (text) => nlp(text).people().length > 0,
  'first-name list + context (guard)': (text) => {
    const r = checkPersonalData(text);
    return !r.ok && r.findings.some((f) => f.kind === 'name');
  },
};

let post = '';
for (let i = 0; post.length < 2000; i += 3) post += `${dev[i % dev.length]!.text} `;
post = post.slice(0, 2000);

console.log(`Development part: ${names.length} sentences with names, ${safe.length} safe sentences\n`);
console.log('detector                              name recall   false alarms on safe   median ms per 2,000 chars');
for (const [label, detect] of Object.entries(detectors)) {
  const found = names.filter((e) => detect(e.text)).length;
  const alarms = safe.filter((e) => detect(e.text)).length;
  for (let i = 0; i < 20; i++) detect(post);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    detect(post);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(38)}${(found / names.length).toFixed(3).padStart(11)}   ${`${alarms} of ${safe.length}`.padStart(20)}   ${times[100]!.toFixed(2).padStart(25)}`);
}
