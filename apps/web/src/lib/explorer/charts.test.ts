import { explore, priceLadder } from '@rightsize/core';
import { describe, expect, it } from 'vitest';
import { decodeSpeedConfig, priceLadderConfig, servingFit, shareCurveConfig, shareMarker } from './charts.ts';

const lesson = explore({ params: 3e9, servedTokens: 10e9, preset: 'lesson' });

describe('inference-share chart', () => {
  const config = shareCurveConfig(lesson.shareCurve);
  const [curve] = config.data.datasets;

  it('plots the curve in percent over the explorer range on a log axis', () => {
    expect(curve?.data).toHaveLength(lesson.shareCurve.length);
    expect(config.options?.scales?.x).toMatchObject({ type: 'logarithmic', min: 0.5e9, max: 500e9 });
    for (const point of curve?.data as { x: number; y: number }[]) {
      expect(point.y).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(100);
    }
  });

  it('marks "you" at the current size and share', () => {
    expect(shareMarker(lesson)).toEqual({ x: 3e9, y: lesson.inferenceShare * 100, label: 'you' });
    const onCurve = (curve?.data as { x: number; y: number }[]).find((point) => Math.abs(point.x / 3e9 - 1) < 0.05);
    expect(onCurve?.y).toBeCloseTo(shareMarker(lesson).y, 0);
  });

  it('moves the marker, not the curve, when only the model size changes', () => {
    const bigger = explore({ params: 70e9, servedTokens: 10e9, preset: 'lesson' });
    expect(shareMarker(bigger).x).toBe(70e9);
    expect(shareMarker(bigger).y).toBeLessThan(shareMarker(lesson).y);
    expect(shareCurveConfig(bigger.shareCurve).data).toEqual(config.data);
  });

  it('reuses one options object, so a redraw never re-resolves options', () => {
    expect(shareCurveConfig(lesson.shareCurve).options).toBe(config.options);
  });
});

describe('price ladder chart', () => {
  const ladder = priceLadder();
  const config = priceLadderConfig(ladder);

  it('has one bar per catalogue price, cheapest first', () => {
    const values = config.data.datasets[0]?.data as number[];
    expect(values).toHaveLength(ladder.rows.length);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(config.data.labels?.[0]).toBe(ladder.cheapest.model);
  });

  it('uses a log axis, since the prices span orders of magnitude', () => {
    expect(config.options?.scales?.x).toMatchObject({ type: 'logarithmic' });
    expect(ladder.cheapestToDearestRatio).toBeGreaterThan(100);
  });
});

describe('decode speed chart', () => {
  it('shows a speed where the model fits and none where it does not', () => {
    const big = explore({ params: 400e9, servedTokens: 1e10, preset: 'lesson' });
    const config = decodeSpeedConfig(big.devices);
    const values = config.data.datasets[0]?.data as number[];
    big.devices.forEach((device, index) => {
      if (servingFit(device) === undefined) {
        expect(values[index]).toBe(0);
        expect(config.data.labels?.[index]).toContain('does not fit');
      } else {
        expect(values[index]).toBeGreaterThan(0);
      }
    });
    expect(big.devices.some((device) => servingFit(device) === undefined)).toBe(true);
  });

  it('never reports a speed at F32, and prefers FP16 where it fits', () => {
    const small = explore({ params: 3e9, servedTokens: 1e10, preset: 'lesson' });
    const h100 = small.devices.find((device) => device.deviceId.startsWith('h100'));
    expect(h100 && servingFit(h100)?.format).toBe('f16');
    const labels = decodeSpeedConfig(small.devices).data.labels as string[];
    expect(labels.some((label) => label.includes('(F32)'))).toBe(false);
  });
});
