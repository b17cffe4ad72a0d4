import { describe, expect, test } from 'vitest';
import { parseId } from '../../src/lib/domain/ids.ts';

describe('parseId', () => {
  test.each([
    ['1', 1],
    ['42', 42],
    ['007', 7],
    ['999999999999999', 999_999_999_999_999],
  ])('reads %j as the id %d', (value, id) => {
    expect(parseId(value)).toBe(id);
  });

  test.each([
    [undefined],
    [null],
    [''],
    ['0'],
    ['000'],
    ['-3'],
    ['+3'],
    [' 7'],
    ['7 '],
    ['1.0'],
    ['1e3'],
    ['0x10'],
    ['12abc'],
    ['١٢'],
    ['1000000000000000'],
    ['Infinity'],
  ])('refuses %j', (value) => {
    expect(parseId(value)).toBeNull();
  });
});
