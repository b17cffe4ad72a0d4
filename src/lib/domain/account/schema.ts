/**
 * Form inputs for accounts. The same schemas validate the posted form and type the
 * functions in lib/server that act on it. Messages follow the GOV.UK error message style.
 */
import { z } from 'astro/zod';
import { checkPassword } from './password-policy.ts';
import { unsafeCharactersProblem } from '../text.ts';
import { mixedScriptProblem, nameKey } from './display-name.ts';

/** Refuses control characters and text-direction overrides, naming the field. */
const safeCharacters = (label: string) => (value: string, ctx: { addIssue: (issue: { code: 'custom'; message: string }) => void }) => {
  const problem = unsafeCharactersProblem(value, label);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** Trims, and turns a missing field into an empty string so "required" messages apply. */
const text = () => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());

/** A rough but standard shape check; ownership is proved by the verification e-mail. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mail address, lower-cased so one person cannot hold two accounts by changing case. */
export const emailField = text()
  .pipe(
    z
      .string()
      .min(1, { error: 'Enter your email address' })
      .max(254, { error: 'Email address must be 254 characters or fewer' })
      .regex(EMAIL_SHAPE, { error: 'Enter an email address in the correct format, like name@example.com' })
      .superRefine(safeCharacters('Email address')),
  )
  .transform((value) => value.toLowerCase());

/** Full name as colleagues know it. */
export const nameField = text().pipe(
  z
    .string()
    .min(1, { error: 'Enter your full name' })
    .max(100, { error: 'Full name must be 100 characters or fewer' })
    .superRefine(safeCharacters('Full name'))
    .superRefine((value, ctx) => {
      // Only hidden characters: the name would show as nothing.
      if (nameKey(value) === '') ctx.addIssue({ code: 'custom', message: 'Enter your full name' });
      const problem = mixedScriptProblem(value, 'Full name');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
);

/** Employer or agency. */
export const organisationField = text().pipe(
  z
    .string()
    .min(1, { error: 'Enter the organisation you work for' })
    .max(120, { error: 'Organisation must be 120 characters or fewer' })
    .superRefine(safeCharacters('Organisation')),
);

/** A new password, checked against the policy for an ordinary account. */
const newPasswordField = z
  .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
  .superRefine((value, ctx) => {
    const problem = checkPassword(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A password being typed to prove who someone is: only presence is checked. */
const currentPasswordField = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().min(1, { error: message }).max(1024));

/** Single-use token from an e-mailed link. */
const tokenField = text().pipe(z.string().min(1, { error: 'This link is not complete' }).max(200));

/** `/register` */
export const registerSchema = z.object({
  name: nameField,
  email: emailField,
  organisation: organisationField,
  password: newPasswordField,
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** `/login` */
export const signInSchema = z.object({
  email: emailField,
  password: currentPasswordField('Enter your password'),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** `/forgot-password` */
export const forgotPasswordSchema = z.object({ email: emailField });

/** `/reset-password` */
export const resetPasswordSchema = z.object({ token: tokenField, password: newPasswordField });

/** `/verify-email` */
export const verifyEmailSchema = z.object({ token: tokenField });

/** `/account`: name and organisation. */
export const profileSchema = z.object({ name: nameField, organisation: organisationField });

/** `/account`: change password. */
export const changePasswordSchema = z.object({
  currentPassword: currentPasswordField('Enter your current password'),
  newPassword: newPasswordField,
});

/** Field names in page order, for the error summary. */
export type FieldErrors = Record<string, string>;

/**
 * Turns a failed parse into one message per field, the first problem found for each.
 * @example errorsFromIssues([{ path: ['email'], message: 'Enter your email address' }])
 *   // { email: 'Enter your email address' }
 */
export function errorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}
