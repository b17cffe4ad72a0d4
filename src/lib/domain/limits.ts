/**
 * The largest request body the portal reads: 1 MB, far above any real form (the longest, a
 * forum message, is 10,000 characters), so a huge body is refused before it is read.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

/**
 * True when a request declares a body larger than the portal reads.
 * @example isBodyTooLarge('2000000') // true
 */
export function isBodyTooLarge(contentLength: string | null): boolean {
  const declared = Number(contentLength ?? 0);
  return Number.isFinite(declared) && declared > MAX_FORM_BYTES;
}
