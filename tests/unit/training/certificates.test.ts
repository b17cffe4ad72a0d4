import { describe, expect, test } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_BYTES,
  certificateFileName,
  certificateHours,
  normaliseVerificationCode,
  verificationCodeFrom,
  verificationPath,
} from '../../../src/lib/domain/training/certificates.ts';

const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('verificationCodeFrom', () => {
  test('writes 80 bits as four groups of four Crockford base 32 characters', () => {
    expect(verificationCodeFrom(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(verificationCodeFrom(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x08 0x42 … : each 5-bit group is 1 (00001 00001 …).
    expect(verificationCodeFrom(Uint8Array.from([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]))).toBe('1111-1111-1111-1111');
  });

  test('random codes always have the printed format and never the confusable letters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = verificationCodeFrom(crypto.getRandomValues(new Uint8Array(CODE_BYTES)));
      expect(code).toMatch(FORMAT);
      expect(code).not.toMatch(/[ILOU]/);
      seen.add(code);
    }
    expect(seen.size).toBe(500);
  });

  test('refuses too few random bytes, so a code is never short of 80 bits', () => {
    expect(() => verificationCodeFrom(new Uint8Array(8))).toThrow(RangeError);
  });

  test('the alphabet has 32 distinct characters', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(32);
  });
});

describe('normaliseVerificationCode', () => {
  test.each([
    ['7KQ4-M2XD-9VHC-T0RB', '7KQ4-M2XD-9VHC-T0RB'],
    [' 7kq4 m2xd 9vhc t0rb ', '7KQ4-M2XD-9VHC-T0RB'],
    ['7KQ4M2XD9VHCT0RB', '7KQ4-M2XD-9VHC-T0RB'],
    ['7KQ4-M2XD-9VHC-TORB', '7KQ4-M2XD-9VHC-T0RB'],
    ['IL00-0000-0000-0000', '1100-0000-0000-0000'],
  ])('%s reads as %s', (typed, code) => {
    expect(normaliseVerificationCode(typed)).toBe(code);
  });

  test.each(['', '7KQ4-M2XD-9VHC', '7KQ4-M2XD-9VHC-T0RBX', '7KQ4-M2XD-9VHC-T0RU', '../../etc/passwd', '7KQ4_M2XD_9VHC_T0RB'])('%j is not a code', (typed) => {
    expect(normaliseVerificationCode(typed)).toBeNull();
  });
});

describe('certificate details', () => {
  test('learning time in words', () => {
    expect(certificateHours(180)).toBe('3 hours');
    expect(certificateHours(150)).toBe('2 hours 30 minutes');
    expect(certificateHours(45)).toBe('45 minutes');
  });

  test('the address to check a code, and a safe file name', () => {
    expect(verificationPath('7KQ4-M2XD-9VHC-T0RB')).toBe('/certificates/7KQ4-M2XD-9VHC-T0RB');
    expect(certificateFileName('restorative-practice', '2026-11-27')).toBe('certificate-restorative-practice-2026-11-27.pdf');
    expect(certificateFileName('a/b"c', '2026-11-27')).toBe('certificate-a-b-c-2026-11-27.pdf');
  });
});
