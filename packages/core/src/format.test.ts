import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatFlops,
  formatParams,
  formatPercent,
  formatTokens,
  formatUsd,
} from './format.ts';

describe('formatting', () => {
  it.each([
    [6e9, {}, '6.00 GB'],
    [1.5e9, {}, '1.50 GB'],
    [140e9, {}, '140 GB'],
    [35e9, {}, '35.0 GB'],
    [1.837e9, {}, '1.84 GB'],
    [2.8e12, {}, '2.80 TB'],
    [512, {}, '512 B'],
    [0, {}, '0 B'],
    [131_072, { system: 'binary' }, '128 KiB'],
    [16.06e9, { unit: 'GiB' }, '15.0 GiB'],
    [6e9, { unit: 'GB', significantDigits: 4 }, '6.000 GB'],
    [80e9, { system: 'binary' }, '74.5 GiB'],
  ] as const)('bytes %d %o → %s', (bytes, options, text) => {
    expect(formatBytes(bytes, options)).toBe(text);
  });

  it.each([
    [2920, '$2,920.00'],
    [75, '$75.00'],
    [0.0045, '$0.0045'],
    [0.03, '$0.03'],
    [0.000026, '$0.000026'],
    [0, '$0.00'],
  ])('usd %d → %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });

  it.each([
    [1.08e21, {}, '1.08e21 FLOPs'],
    [6e19, { style: 'superscript' }, '6.00 × 10¹⁹ FLOPs'],
    [989.4e12, { unit: 'FLOP/s' }, '9.89e14 FLOP/s'],
    [1e15, { significantDigits: 1, unit: 'FLOP/s' }, '1e15 FLOP/s'],
    [2.5e-3, { style: 'superscript' }, '2.50 × 10⁻³ FLOPs'],
  ] as const)('flops %d %o → %s', (flops, options, text) => {
    expect(formatFlops(flops, options)).toBe(text);
  });

  it.each([
    [1.08e6, '12.5 d'],
    [6e4, '16.7 h'],
    [0.0809, '80.9 ms'],
    [45, '45 s'],
    [90, '1.5 min'],
    [2e-5, '20 µs'],
    [0, '0 s'],
    [3.2e8, '10.1 y'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('duration %d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [180e9, '180B'],
    [15e12, '15T'],
    [60e9, '60B'],
    [1875, '1.88K'],
    [999, '999'],
  ])('tokens %d → %s', (tokens, text) => {
    expect(formatTokens(tokens)).toBe(text);
  });

  it('params and percentages', () => {
    expect(formatParams(3e9)).toBe('3B');
    expect(formatParams(8_030_261_248)).toBe('8.03B');
    expect(formatPercent(10 / 190)).toBe('5.26%');
    expect(formatPercent(0.4, { significantDigits: 2 })).toBe('40%');
  });

  it('formats in another locale on request', () => {
    expect(formatBytes(6e9, { locale: 'de-DE' })).toBe('6,00 GB');
    expect(formatDuration(1.08e6, { locale: 'de-DE' })).toBe('12,5 d');
  });
});
