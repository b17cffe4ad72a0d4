/**
 * Frontmatter schemas for the content collections. Pure, so tests can check that a bad
 * page is refused without running a build.
 */
import { z } from 'astro/zod';

/** Who a page is written for. A page may serve several audiences. */
export const AUDIENCES = [
  'lead-workers',
  'practitioners',
  'managers',
  'partner-agencies',
  'trainers',
] as const;

/** The programme phase a page's figures and rules belong to. */
export const PHASES = ['phase-1', 'phase-2', 'supporting-families', 'all-phases'] as const;

/** One entry in a page's amendment history. */
const amendment = z.object({
  /** The day the change was published. */
  date: z.coerce.date(),
  /** What changed, in one plain sentence. */
  summary: z.string().min(10),
});

/**
 * Frontmatter every guidance, Skills Matrix and resource page carries.
 * A missing or wrong field fails the build, so a page cannot go live
 * without an owner and a review date.
 */
export const pageSchema = z
  .object({
    /** Page title, sentence case, as it appears in the `<h1>`. */
    title: z.string().min(3).max(90),
    /** One or two sentences used in lists, search results and the meta description. */
    summary: z.string().min(20).max(300),
    /** Who the page is for. */
    audience: z.array(z.enum(AUDIENCES)).min(1),
    /** Subject tags that link related pages, lower case, hyphenated. */
    topics: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).min(1),
    /** Programme phase the figures or rules apply to, when the page is phase-specific. */
    phase: z.enum(PHASES).optional(),
    /** The role responsible for keeping the page right (never a person's name). */
    owner: z.string().min(3),
    /** When the page was last checked against its sources. */
    lastReviewed: z.coerce.date(),
    /** When the page is next due a review. Must follow `lastReviewed`. */
    nextReview: z.coerce.date(),
    /** Position within its section, for contents lists and previous/next links. */
    order: z.number().int().nonnegative(),
    /** Changes since the page was first published, newest first. */
    amendments: z.array(amendment).default([]),
    /**
     * Lower-case names of what the page is about. A search for exactly one of them, or for
     * another name for it (see `lib/domain/search/synonyms.ts`), lists this page first.
     * @example ['lead worker']
     */
    subjects: z.array(z.string().regex(/^[a-z0-9][a-z0-9 '-]*$/, 'Use lower-case words')).default([]),
    /**
     * Pages the author chose to point to, as portal paths; they head the page's one
     * "Related pages" list, before pages found by shared topics.
     * @example ['/guidance/phase-2/', '/resources/data-sharing-protocol-template/']
     */
    seeAlso: z.array(z.string().regex(/^\/[a-z0-9/-]*\/$/, 'Use a portal path such as /guidance/phase-2/')).default([]),
  })
  // Unknown keys are refused, so a misspelt field (say `nextreview`) fails the build.
  .strict()
  .refine((page) => page.nextReview > page.lastReviewed, {
    message: 'nextReview must be later than lastReviewed',
    path: ['nextReview'],
  });

/** Abbreviations and programme terms, one entry per term. */
export const glossaryTermSchema = z
  .object({
    /** A stable slug for the entry: the anchor on /glossary/. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens'),
    /** The term or abbreviation as written in pages, e.g. "CAF". */
    term: z.string().min(1),
    /** The expansion, for abbreviations, e.g. "Common Assessment Framework". */
    expansion: z.string().optional(),
    /** A plain-English definition. */
    definition: z.string().min(10),
    /** Other names for the same thing, e.g. "key worker" for "lead worker". */
    alsoKnownAs: z.array(z.string()).default([]),
  })
  .strict();

