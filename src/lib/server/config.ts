/**
 * Run-time settings, read once from the environment through astro:env (validated by the
 * schema in astro.config.mjs). Only on-demand code imports this module.
 */
import { DATABASE_AUTH_TOKEN, DATABASE_URL, PUBLIC_URL, TRAINING_BOOKING_TERMS, TRUST_PROXY, TRUSTED_EMAIL_DOMAINS } from 'astro:env/server';
import { termsParagraphs } from '../domain/training/non-attendance.ts';
import type { AccountSettings } from './accounts.ts';

/** True when running as the live service: secure cookie names, HSTS, no demo data. */
export const isProduction = process.env.NODE_ENV === 'production';

export const databaseUrl = DATABASE_URL;
export const databaseAuthToken = DATABASE_AUTH_TOKEN || undefined;

/** Trust `X-Forwarded-For` for the client address only behind a known proxy. */
export const trustProxy = TRUST_PROXY;

/** Settings for the account journeys. */
export const accountSettings: AccountSettings = {
  baseUrl: PUBLIC_URL || `http://localhost:${process.env.PORT || 4321}`,
  trustedDomains: TRUSTED_EMAIL_DOMAINS.split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean),
};

/**
 * The service's terms, shown when someone who has booked and not come twice in 12 months
 * books again: the council's own words from TRAINING_BOOKING_TERMS (blank lines start new
 * paragraphs), or DEFAULT_BOOKING_TERMS.
 */
export const trainingBookingTerms: string[] = termsParagraphs(TRAINING_BOOKING_TERMS);
