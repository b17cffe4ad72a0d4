/**
 * Reading and checking posted forms for pages that work without JavaScript: the page posts
 * to itself, and on a problem renders again with the messages and the answers given.
 */
import type { z } from 'astro/zod';
import { errorsFromIssues, type FieldErrors } from '../domain/account/schema.ts';
import { formValues } from '../domain/training/forms.ts';

/**
 * The text fields of a posted form: the first value of each name, and every value of names
 * that repeat (checkboxes). Files are ignored.
 */
export async function readFormLists(request: Request): Promise<{ values: Record<string, string>; lists: Record<string, string[]> }> {
  try {
    return formValues(await request.formData());
  } catch {
    // A body that is not a form is treated as an empty form: every field is "missing".
    return { values: {}, lists: {} };
  }
}

/** The text fields of a posted form. Files and repeated names are ignored. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  return (await readFormLists(request)).values;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates form values against a schema, giving one message per field. */
export function parseForm<S extends z.ZodType>(schema: S, values: Record<string, string>): Parsed<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: errorsFromIssues(result.error.issues) };
}

/** "3 minutes" / "1 minute" / "45 seconds", for Retry-After messages: the rule lives in the domain. */
export { describeWait } from '../domain/wait.ts';
