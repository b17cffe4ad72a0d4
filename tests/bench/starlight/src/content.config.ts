import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // The portal's role mailboxes, which its <Mailbox> component reads.
  contacts: defineCollection({ loader: file('./src/contacts.json') }),
};
