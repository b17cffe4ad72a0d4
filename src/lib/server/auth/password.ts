/**
 * Password hashing with argon2id (@node-rs/argon2, OWASP's minimum: 19 MiB, 2 passes,
 * 1 lane). Hashing is deliberately slow and memory-hungry, so at most two run at once on an
 * instance: a flood of sign-in attempts queues here instead of starving page rendering.
 */
import { hash, verify } from '@node-rs/argon2';
import { Semaphore } from 'async-mutex';

/** argon2id parameters; raising them re-hashes nothing, old hashes keep their own. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const hashing = new Semaphore(2);

/** Hashes a new password into a PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hashing.runExclusive(() => hash(password.normalize('NFC'), ARGON2_OPTIONS));
}

/** True when `password` matches the stored PHC string; false (never throws) for a malformed hash. */
export function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return hashing.runExclusive(async () => {
    try {
      return await verify(storedHash, password.normalize('NFC'));
    } catch {
      return false;
    }
  });
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins to addresses with no
 * account, so timing cannot tell anyone which addresses are registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-just-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
