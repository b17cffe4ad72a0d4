import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { contactSchema } from './lib/domain/contact/schema.ts';
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

/** Role mailboxes and who handles what: the contact page reads only this. */
const contacts = defineCollection({
  loader: file('./content/contacts.json'),
  schema: contactSchema,
});

export const collections = { guidance, skillsMatrix, resources, glossary, contacts };
