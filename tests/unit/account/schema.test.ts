import { describe, expect, test } from 'vitest';
import { errorsFromIssues, registerSchema, signInSchema } from '../../../src/lib/domain/account/schema.ts';

const valid = { name: 'Sam Okafor', email: 'Sam.Okafor@Kent.gov.uk ', organisation: 'Kent County Council', password: 'lantern-orchard-pebble' };

describe('registerSchema', () => {
  test('accepts a complete form, trimming and lower-casing the e-mail address', () => {
    const result = registerSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe('sam.okafor@kent.gov.uk');
  });

  test('gives one GOV.UK-style message per missing field', () => {
    const result = registerSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(errorsFromIssues(result.error!.issues)).toEqual({
      name: 'Enter your full name',
      email: 'Enter your email address',
      organisation: 'Enter the organisation you work for',
      password: 'Enter a password',
    });
  });

  test.each(['not-an-email', 'a@b', 'two words@kent.gov.uk', '@kent.gov.uk'])('rejects the badly formed address %j', (email) => {
    const result = registerSchema.safeParse({ ...valid, email });
    expect(errorsFromIssues(result.error!.issues).email).toBe(
      'Enter an email address in the correct format, like name@example.com',
    );
  });

  test('applies the password policy', () => {
    const result = registerSchema.safeParse({ ...valid, password: 'short' });
    expect(errorsFromIssues(result.error!.issues).password).toBe('Password must be 12 characters or more');
  });

  test('treats whitespace-only answers as missing', () => {
    const result = registerSchema.safeParse({ ...valid, name: '   ' });
    expect(errorsFromIssues(result.error!.issues).name).toBe('Enter your full name');
  });
});

describe('hidden characters in account fields', () => {
  test.each([
    ['name', 'Megan\u0000Hollis', 'Full name must not contain hidden control characters'],
    ['name', 'Megan \u202eHollis', 'Full name must not contain hidden characters that change the direction of text'],
    ['organisation', 'Kent\u0007Police', 'Organisation must not contain hidden control characters'],
    ['email', 'sam\u0000@kent.gov.uk', 'Email address must not contain hidden control characters'],
  ])('%s %j is refused with a clear message', (field, value, message) => {
    const result = registerSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(errorsFromIssues(result.error!.issues)[field]).toBe(message);
  });
});

describe('signInSchema', () => {
  test('only checks that a password was typed', () => {
    expect(signInSchema.safeParse({ email: 'a@b.org', password: 'x' }).success).toBe(true);
    const result = signInSchema.safeParse({ email: 'a@b.org', password: '' });
    expect(errorsFromIssues(result.error!.issues)).toEqual({ password: 'Enter your password' });
  });
});
