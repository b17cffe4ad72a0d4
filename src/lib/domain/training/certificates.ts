/**
 * Certificates of attendance: the verification code printed on each, and what a
 * certificate says. Pure: the random bytes come from the caller.
 *
 * A code is 80 random bits written as 16 characters of Crockford's base 32 in four groups
 * (`7KQ4-M2XD-9VHC-T0RB`): too many to guess (a million guesses a second would take about
 * 19 billion years to try half of them), short enough to read out or type from paper, and
 * free of the letters I, L, O and U, so a code read aloud or typed from a printout cannot be
 * mistaken (I and L are read as 1, O as 0). Policy source: the portal's reading of issue
 * "Training from request to certificate" (anyone can check a certificate; codes unguessable).
 */
import { formatDuration } from './forms.ts';

/** Crockford's base 32 alphabet: digits and letters without I, L, O and U. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random bytes in a code: 80 bits. */
export const CODE_BYTES = 10;
const CODE_LENGTH = 16;

/**
 * Writes 10 random bytes as a verification code.
 * @example verificationCodeFrom(new Uint8Array(10)) // '0000-0000-0000-0000'
 */
export function verificationCodeFrom(bytes: Uint8Array): string {
  if (bytes.length !== CODE_BYTES) throw new RangeError(`A verification code needs ${CODE_BYTES} random bytes`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/**
 * A code as typed or read from paper, in its printed form, or null when it cannot be one:
 * case, spaces and hyphens do not matter, and I, L and O are read as 1, 1 and 0.
 * @example normaliseVerificationCode(' 7kq4 m2xd 9vhc tOrb ') // '7KQ4-M2XD-9VHC-T0RB'
 */
export function normaliseVerificationCode(input: string): string | null {
  const plain = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (plain.length !== CODE_LENGTH || ![...plain].every((c) => CODE_ALPHABET.includes(c))) return null;
  return plain.match(/.{4}/g)!.join('-');
}

/** What a certificate states, fixed when it is first issued. */
export interface CertificateFacts {
  code: string;
  holderName: string;
  courseTitle: string;
  /** Titles of the Skills Matrix domains the course builds. */
  domains: string[];
  /** When the session started (unix seconds). */
  sessionStartsAt: number;
  durationMinutes: number;
  /** The course's trainer when the certificate was issued, if it had one. */
  trainerName: string | null;
}

/**
 * Learning time as a certificate states it.
 * @example certificateHours(150) // '2 hours 30 minutes'
 */
export function certificateHours(minutes: number): string {
  return formatDuration(minutes);
}

/** The address where anyone can check a certificate. */
export function verificationPath(code: string): string {
  return `/certificates/${code}`;
}

/** A file name for a certificate download, made of safe characters only. */
export function certificateFileName(courseSlug: string, date: string): string {
  return `certificate-${courseSlug}-${date}.pdf`.replace(/[^a-z0-9.-]/gi, '-');
}
