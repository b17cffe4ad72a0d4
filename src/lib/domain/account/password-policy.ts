/**
 * Password rules, after NCSC and NIST SP 800-63B: length over complexity, no composition
 * rules, paste allowed, and passwords known from breaches refused. OWASP ASVS 5.0 (V6.2.4)
 * asks that the list of refused passwords match the length rule: ours holds only entries of
 * 12 characters or more, since shorter ones are refused by length anyway.
 */
import list from './common-passwords.json' with { type: 'json' };

/**
 * Leaked passwords of 12 characters or more, lower-cased, from the data file beside this
 * module (its `source` and `licence` fields say where it came from; src/cli/build-common-passwords.ts
 * rebuilds it). Loaded once, when this module is first imported.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(list.passwords);

/** Common short passwords, refused when repeated to reach the length ("passwordpassword"). */
const COMMON_UNITS: ReadonlySet<string> = new Set(list.repeatedUnits);

/** Shortest password for any account. */
export const MIN_PASSWORD_LENGTH = 12;
/** Shortest password for admins and moderators, whose accounts can do more harm. */
export const MIN_PRIVILEGED_PASSWORD_LENGTH = 15;
/** Longest password accepted; long enough for any passphrase or manager-generated secret. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The shortest password an account may have: longer for accounts that can moderate or manage
 * the portal, which can do more harm. The account page states the same figure.
 * @example minimumPasswordLength(true) // 15
 */
export function minimumPasswordLength(privileged: boolean): number {
  return privileged ? MIN_PRIVILEGED_PASSWORD_LENGTH : MIN_PASSWORD_LENGTH;
}

export interface PasswordContext {
  /** True when the account holds the admin or moderator role. */
  privileged?: boolean;
  /** The account's e-mail address, which must not be the password. */
  email?: string;
}

/** Counts user-perceived characters, so an emoji counts once. */
function characterCount(value: string): number {
  return [...value.normalize('NFC')].length;
}

/**
 * Says what is wrong with a proposed password, or returns null when it is acceptable.
 * @example checkPassword('password1234') // 'Choose a password that is harder to guess…'
 */
export function checkPassword(password: string, context: PasswordContext = {}): string | null {
  const min = minimumPasswordLength(context.privileged ?? false);
  const length = characterCount(password);
  if (length === 0) return 'Enter a password';
  if (length < min) return `Password must be ${min} characters or more`;
  if (length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || isRepeatOfCommon(lowered)) {
    return 'Choose a password that is harder to guess. This one is in a list of commonly used passwords';
  }
  if (context.email && lowered.trim() === context.email.trim().toLowerCase()) {
    return 'Your password must not be your email address';
  }
  return null;
}

/** Catches "passwordpassword" and "123456123456", which pass the length rule trivially. */
function isRepeatOfCommon(lowered: string): boolean {
  for (let size = 1; size <= lowered.length / 2; size++) {
    if (lowered.length % size !== 0) continue;
    const unit = lowered.slice(0, size);
    if (unit.repeat(lowered.length / size) === lowered && (size < 4 || COMMON_UNITS.has(unit) || COMMON_PASSWORDS.has(unit))) {
      return true;
    }
  }
  return false;
}
