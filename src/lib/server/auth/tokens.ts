/**
 * Secrets for cookies and e-mailed links, in the shape the Lucia session guide describes:
 * a public id and a secret joined by a dot. Only the SHA-256 of the secret is stored, so a
 * leaked database cannot be replayed as cookies or links.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** 20 random bytes = 160 bits, comfortably over the 120 bits the guide asks for. */
const RANDOM_BYTES = 20;

/**
 * A random string from the operating system's CSPRNG, in lower-case base32 so it survives
 * URLs, cookies and e-mail line wrapping unchanged.
 */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(RANDOM_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 of a secret, as stored in the database. */
export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** A fresh token: give `token` to the user, store `id` and `secretHash`. */
export interface IssuedToken {
  id: string;
  token: string;
  secretHash: Uint8Array;
}

/** Creates a new `id.secret` token. */
export function issueToken(): IssuedToken {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/**
 * Splits a presented token into id and secret, or null when it is not of our shape.
 * @example parseToken('abc.def') // { id: 'abc', secret: 'def' }
 */
export function parseToken(token: string | undefined | null): { id: string; secret: string } | null {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  const shape = /^[a-z2-7]{16,64}$/;
  if (!shape.test(id) || !shape.test(secret)) return null;
  return { id, secret };
}

/**
 * True when `secret` hashes to `storedHash`. The comparison takes the same time whatever
 * the bytes, so response times reveal nothing about how much of a guess was right.
 */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  // Different lengths can only mean a corrupt row; constantTimeEqual would also say false.
  if (presented.byteLength !== storedHash.byteLength) return false;
  return constantTimeEqual(presented, new Uint8Array(storedHash));
}
