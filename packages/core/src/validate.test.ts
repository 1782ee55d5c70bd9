import { describe, expect, it } from 'vitest';
import {
  bool,
  checkNumber,
  describeValue,
  efficiency,
  fraction,
  integerAtLeast,
  nonNegative,
  oneOf,
  positive,
  record,
} from './validate.ts';

describe('validation messages name the argument and show the value', () => {
  it.each([
    ['positive -1', () => positive('params', -1), 'params must be a finite number > 0, got -1'],
    ['positive 0', () => positive('params', 0), 'params must be a finite number > 0, got 0'],
    ['positive NaN', () => positive('params', Number.NaN), 'params must be a finite number > 0, got NaN'],
    [
      'positive Infinity',
      () => positive('params', Number.POSITIVE_INFINITY),
      'params must be a finite number > 0, got Infinity',
    ],
    ['positive string', () => positive('params', '3e9'), "params must be a finite number > 0, got '3e9'"],
    [
      'nonNegative -0.5',
      () => nonNegative('servedTokens', -0.5),
      'servedTokens must be a finite number >= 0, got -0.5',
    ],
    [
      'fraction 1.5',
      () => fraction('escalationRate', 1.5),
      'escalationRate must be a finite number in [0, 1], got 1.5',
    ],
    ['efficiency 0', () => efficiency('utilization', 0), 'utilization must be a finite number in (0, 1], got 0'],
    ['integer 2.5', () => integerAtLeast('servers', 2.5, 1), 'servers must be a finite integer >= 1, got 2.5'],
    ['max only', () => checkNumber('x', 5, { max: 4 }), 'x must be a finite number <= 4, got 5'],
    [
      'oneOf',
      () => oneOf('fit', 'kaplan', ['hoffmann', 'epoch']),
      "fit must be one of 'hoffmann', 'epoch', got 'kaplan'",
    ],
    ['record null', () => record('options', null as unknown as object), 'options must be an object, got null'],
    ['record array', () => record('options', [] as object), 'options must be an object, got an array'],
    ['bool', () => bool('includeFlagged', 'yes'), "includeFlagged must be a boolean, got 'yes'"],
  ])('%s', (_label, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('returns valid values unchanged', () => {
    expect(positive('params', 3e9)).toBe(3e9);
    expect(nonNegative('servedTokens', 0)).toBe(0);
    expect(fraction('escalationRate', 1)).toBe(1);
    expect(efficiency('utilization', 1)).toBe(1);
    expect(integerAtLeast('servers', 3, 1)).toBe(3);
    expect(oneOf('fit', 'epoch', ['hoffmann', 'epoch'])).toBe('epoch');
  });

  it.each([
    [-0, '-0'],
    [undefined, 'undefined'],
    [10n, '10n (a bigint)'],
    [{}, 'an object'],
    [() => 1, 'a function'],
    [true, 'a boolean'],
  ])('describes %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
