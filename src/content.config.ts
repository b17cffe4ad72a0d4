import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { glossaryTermSchema, pageSchema } from './lib/domain/guidance/schema.ts';

const guidance = defineCollection({
  loader: glob({ base: './content/guidance', pattern: '**/*.mdx' }),
  schema: pageSchema,
});

const skillsMatrix = defineCollection({
  loader: glob({ base: './content/skills-matrix', pattern: '*.mdx' }),
  schema: pageSchema,
});

const resources = defineCollection({
  loader: glob({ base: './content/resources', pattern: '*.mdx' }),
  schema: pageSchema,
});

/** Abbreviations and programme terms, one entry per term. */
const glossary = defineCollection({
  loader: file('./content/glossary.json'),
  schema: glossaryTermSchema,
});

export const collections = { guidance, skillsMatrix, resources, glossary };
