import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { contactSchema, looksPersonal } from '../../../src/lib/domain/contact/schema.ts';

describe('looksPersonal', () => {
  test.each([
    ['jo.patel@kent.gov.uk', true],
    ['Jo.Patel@kent.gov.uk', true],
    ['tfprogrammesop@kent.gov.uk', false],
    ['troubledfamilies@kent.gov.uk', false],
    ['tf-programme@kent.gov.uk', false],
  ])('%s is personal: %s', (address, personal) => {
    expect(looksPersonal(address)).toBe(personal);
  });
});

describe('contactSchema', () => {
  const base = { id: 'programme-team', role: 'Programme team', handles: ['questions about the programme'] };

  test('refuses a personal address', () => {
    const result = contactSchema.safeParse({ ...base, email: 'jo.patel@kent.gov.uk' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/personal address/);
  });

  test('refuses an entry with no way to reach the role', () => {
    expect(contactSchema.safeParse(base).success).toBe(false);
  });

  test('accepts a role mailbox', () => {
    expect(contactSchema.safeParse({ ...base, email: 'tfprogrammesop@kent.gov.uk' }).success).toBe(true);
  });

  test('every entry in content/contacts.json is valid, and the information sharing mailbox is there', () => {
    const entries = JSON.parse(readFileSync('content/contacts.json', 'utf8')) as unknown[];
    for (const entry of entries) expect(contactSchema.safeParse(entry).error).toBeUndefined();
    const sharing = (entries as { id: string; email?: string }[]).find((e) => e.id === 'information-sharing');
    expect(sharing?.email).toBe('tfprogrammesop@kent.gov.uk');
  });
});
