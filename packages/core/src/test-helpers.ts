/**
 * Assertions shared by the unit tests (not part of the public API).
 *
 * @module
 */
import { expect } from 'vitest';

/**
 * Asserts `actual` is within a relative tolerance of `expected` (absolute when `expected` is 0).
 *
 * @example
 * expectClose(1.08e21 * (1 + 1e-14), 1.08e21); // passes
 */
export function expectClose(actual: number, expected: number, relativeTolerance = 1e-12): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const error = Math.abs(actual - expected) / scale;
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(relativeTolerance);
}
