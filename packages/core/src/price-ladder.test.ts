import { describe, expect, it } from 'vitest';
import { apiPrices } from './catalog/prices.ts';
import { priceLadder } from './price-ladder.ts';

describe('price ladder per million output tokens', () => {
  it('is sorted cheapest to dearest', () => {
    const { rows } = priceLadder();
    for (let i = 1; i < rows.length; i += 1)
      expect(rows[i]!.outputUsdPerMillion).toBeGreaterThanOrEqual(rows[i - 1]!.outputUsdPerMillion);
  });

  it('spans $0.03 to $75 over the whole catalogue: 2,500×', () => {
    const ladder = priceLadder();
    expect(ladder.cheapest.id).toBe('deepinfra-llama-3.1-8b');
    expect(ladder.dearest.id).toBe('anthropic-claude-opus-4');
    expect(ladder.cheapestToDearestRatio).toBeCloseTo(2500, 9);
    expect(ladder.cheapest.flagged).toBeDefined();
  });

  it('spans $0.20 to $75 without the flagged undated prices: 375×', () => {
    const ladder = priceLadder({ includeFlagged: false });
    expect(ladder.rows.every((r) => r.flagged === undefined)).toBe(true);
    expect(ladder.rows.length).toBe(apiPrices.filter((p) => p.flagged === undefined).length);
    expect(ladder.cheapest.id).toBe('fireworks-llama-3.1-8b');
    expect(ladder.cheapestToDearestRatio).toBeCloseTo(375, 9);
  });
});
