import { describe, expect, it } from 'vitest';
import { parseBytes, parseCount, parseNumber } from './quantity.ts';

describe('parseCount', () => {
  it.each([
    ['2000000', 2_000_000],
    ['2,000,000', 2_000_000],
    ['2_000_000', 2_000_000],
    ['2M', 2_000_000],
    ['2 m', 2_000_000],
    ['1.5e6', 1_500_000],
    ['250k', 250_000],
    ['3B', 3e9],
    ['0', 0],
    ['-5', -5],
  ])('%s → %d', (raw, value) => expect(parseCount(raw)).toBe(value));

  it.each(['', 'lots', '2 GB', '1.2.3', '12 apples'])('leaves %j for the schema to refuse', (raw) => {
    expect(parseCount(raw)).toBe(raw);
  });
});

describe('parseBytes', () => {
  it.each([
    ['8000000000', 8e9],
    ['8 GB', 8e9],
    ['8GB', 8e9],
    ['16 GiB', 16 * 2 ** 30],
    ['512 MiB', 512 * 2 ** 20],
    ['1.5 TB', 1.5e12],
  ])('%s → %d', (raw, value) => expect(parseBytes(raw)).toBe(value));

  it('does not read a count suffix as bytes', () => expect(parseBytes('8M')).toBe('8M'));
});

describe('parseNumber', () => {
  it.each([
    ['0.95', 0.95],
    ['1,200', 1200],
    ['$5,000', 5000],
  ])('%s → %d', (raw, value) => expect(parseNumber(raw)).toBe(value));

  it('refuses suffixes', () => expect(parseNumber('5k')).toBe('5k'));
});
