/**
 * `@rightsize/core`: the pure estimator behind every figure Rightsize shows.
 *
 * No I/O, no clock, no randomness, no runtime dependencies. Units are SI and named: parameters
 * and tokens are counts, `…Flops` FLOPs, `…Bytes` bytes, `…Seconds` seconds, `…Usd` US dollars.
 * Invalid input throws `RangeError` naming the argument.
 *
 * @module
 */
export * from './catalog/index.ts';
export type * from './architecture.ts';
export * from './compute.ts';
export * from './scaling.ts';
export * from './memory.ts';
export * from './latency.ts';
export * from './queueing.ts';
export * from './cost.ts';
export * from './presets.ts';
export * from './price-ladder.ts';
export * from './explore.ts';
export * from './format.ts';
export * from './small.ts';
export * from './version.ts';
export * from './candidate.ts';
