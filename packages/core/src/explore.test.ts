import { describe, expect, it } from 'vitest';
import { explore, SHARE_CURVE_MAX_PARAMS, SHARE_CURVE_MIN_PARAMS } from './explore.ts';
import { formatBytes, formatDuration, formatTokens } from './format.ts';
import { explorerPresetIds, explorerPresets } from './presets.ts';
import { computeOptimal } from './scaling.ts';
import { expectClose } from './test-helpers.ts';

describe('explore reproduces the lesson (3 B parameters, 10 B served tokens, lesson preset)', () => {
  const e = explore({ params: 3e9, servedTokens: 10e9, preset: 'lesson' });

  it.each([
    ['memory FP16', () => formatBytes(e.weightBytes.f16), '6.00 GB'],
    ['memory Q4', () => formatBytes(e.weightBytes.q4), '1.50 GB'],
    ['training time', () => formatDuration(e.trainingSeconds), '12.5 d'],
    ['serving time', () => formatDuration(e.servingSeconds), '16.7 h'],
    ['crossover', () => formatTokens(e.crossoverTokens), '180B'],
  ])('%s shows %s', (_label, shown, text) => {
    expect(shown()).toBe(text);
  });

  it('and the exact figures behind them', () => {
    expect(e.weightBytes.f16).toBe(6e9);
    expect(e.weightBytes.q4).toBe(1.5e9);
    expect(e.trainTokens).toBe(60e9);
    expectClose(e.trainFlops, 1.08e21);
    expectClose(e.inferenceFlops, 6e19);
    expectClose(e.trainingSeconds, 1.08e6);
    expectClose(e.servingSeconds, 6e4);
    expectClose(e.trainingDeviceHours, 300);
    expectClose(e.servingDeviceHours, 50 / 3);
    expectClose(e.crossoverTokens, 180e9);
    expectClose(e.inferenceShare, 10 / 190);
  });

  it('70 B is 140 GB at FP16 and 35 GB at Q4', () => {
    const big = explore({ params: 70e9, servedTokens: 10e9, preset: 'lesson' });
    expect(big.weightBytes.f16).toBe(140e9);
    expect(big.weightBytes.q4).toBe(35e9);
    expect(formatBytes(big.weightBytes.f16)).toBe('140 GB');
    expect(formatBytes(big.weightBytes.q4)).toBe('35.0 GB');
  });

  it('a 70 B Q4 model fits one A100 80GB but not FP16 on one H100', () => {
    const big = explore({ params: 70e9, servedTokens: 10e9, preset: 'lesson' });
    const a100 = big.devices.find((d) => d.deviceId === 'a100-80gb-sxm')!;
    expect(a100.formats.find((f) => f.format === 'q4')!.fits).toBe(true);
    const h100 = big.devices.find((d) => d.deviceId === 'h100-sxm')!;
    expect(h100.formats.find((f) => f.format === 'f16')!.fits).toBe(false);
    expect(h100.formats.find((f) => f.format === 'f16')!.decodeTokensPerSecond).toBeNull();
  });

  it('lists memory at every catalogue precision', () => {
    expect(e.memory.map((m) => m.format)).toEqual(Object.keys(e.weightBytes));
    expect(e.memory.length).toBe(15);
  });
});

describe('the inference-share curve', () => {
  const e = explore({ params: 3e9, servedTokens: 10e9, preset: 'lesson' });

  it('has 100 log-spaced points from 0.5 B to 500 B', () => {
    expect(e.shareCurve).toHaveLength(100);
    expectClose(e.shareCurve[0]!.params, SHARE_CURVE_MIN_PARAMS);
    expectClose(e.shareCurve[99]!.params, SHARE_CURVE_MAX_PARAMS);
    const ratio = e.shareCurve[1]!.params / e.shareCurve[0]!.params;
    for (let i = 1; i < 100; i += 1) expectClose(e.shareCurve[i]!.params / e.shareCurve[i - 1]!.params, ratio, 1e-9);
  });

  it('falls with model size, stays in [0, 1], and passes through the current point', () => {
    for (let i = 1; i < 100; i += 1) expect(e.shareCurve[i]!.share).toBeLessThan(e.shareCurve[i - 1]!.share);
    for (const p of e.shareCurve) {
      expect(p.share).toBeGreaterThanOrEqual(0);
      expect(p.share).toBeLessThanOrEqual(1);
    }
    // At N with D = 20N the share is T / (60N + T).
    expectClose(e.shareCurve[0]!.share, 10e9 / (60 * 0.5e9 + 10e9));
  });

  it('rises everywhere with the served volume', () => {
    const more = explore({ params: 3e9, servedTokens: 1e12, preset: 'lesson' });
    for (let i = 0; i < 100; i += 1) expect(more.shareCurve[i]!.share).toBeGreaterThan(e.shareCurve[i]!.share);
  });

  it('honours a custom point count', () => {
    expect(explore({ params: 3e9, servedTokens: 1e9, preset: 'lesson', curvePoints: 7 }).shareCurve).toHaveLength(7);
  });
});

describe('presets', () => {
  it('H100 SXM runs at 989.4 TFLOP/s × 40 % MFU', () => {
    const e = explore({ params: 3e9, servedTokens: 10e9, preset: 'h100-sxm' });
    expect(e.preset.peakFlops.value).toBe(989.4e12);
    expect(e.preset.utilization.value).toBe(0.4);
    expectClose(e.trainingSeconds, 1.08e21 / (989.4e12 * 0.4));
  });

  it.each(explorerPresetIds)('%s has sourced figures and Chinchilla tokens by default', (id) => {
    const p = explorerPresets[id];
    expect(p.peakFlops.value).toBeGreaterThan(0);
    expect(p.utilization.value).toBeGreaterThan(0);
    expect(p.utilization.value).toBeLessThanOrEqual(1);
    expect(p.decodeEfficiency.value).toBeLessThanOrEqual(1);
    expect(p.peakFlops.source.length).toBeGreaterThan(0);
    expect(p.utilization.source.length).toBeGreaterThan(0);
    expect(p.tokensPerParam.value).toBe(20);
    expect(explore({ params: 3e9, servedTokens: 1e9, preset: id }).tokensPerParam).toBe(20);
  });

  it('accepts Llama 3’s 1,875 tokens per parameter', () => {
    const e = explore({ params: 8e9, servedTokens: 1e12, preset: 'h100-sxm', tokensPerParam: 1875 });
    expect(e.trainTokens).toBe(15e12);
    expect(e.crossoverTokens).toBe(45e12);
    expect(e.inferenceOptimal.reference.tokens).toBe(15e12);
  });
});

describe('device fit and decode speed', () => {
  it('reports the widest format that fits and decode speed only where it fits', () => {
    const e = explore({ params: 8e9, servedTokens: 1e12, preset: 'lesson' });
    const l4 = e.devices.find((d) => d.deviceId === 'l4')!;
    expect(l4.bestFormat).toBe('f16'); // 16 GB fits in 24 GB × 0.9; 32 GB F32 does not
    const f16 = l4.formats.find((f) => f.format === 'f16')!;
    expectClose(f16.decodeTokensPerSecond!, (300e9 * 0.7) / 16e9);
    const phone = e.devices.find((d) => d.deviceId === 'mid-tier-android')!;
    expect(phone.formats.find((f) => f.format === 'f16')!.fits).toBe(false);
    expect(phone.flags.length).toBeGreaterThan(0);
  });

  it('runtime overhead and headroom tighten the fit', () => {
    const loose = explore({ params: 8e9, servedTokens: 0, preset: 'lesson', memoryHeadroom: 0 });
    const tight = explore({ params: 8e9, servedTokens: 0, preset: 'lesson', runtimeOverheadBytes: 8e9 });
    const fitsLoose = loose.devices.find((d) => d.deviceId === 'l4')!.formats.find((f) => f.format === 'f16')!.fits;
    const fitsTight = tight.devices.find((d) => d.deviceId === 'l4')!.formats.find((f) => f.format === 'f16')!.fits;
    expect(fitsLoose).toBe(true);
    expect(fitsTight).toBe(false);
  });

  it('no device fits a 500 B model at F32', () => {
    const e = explore({ params: 500e9, servedTokens: 0, preset: 'lesson' });
    expect(e.devices.every((d) => !d.formats.find((f) => f.format === 'f32')!.fits)).toBe(true);
  });
});

describe('inference-optimal point and price ladder', () => {
  it('at zero serving the inference-optimal point is the compute-optimal one', () => {
    const e = explore({ params: 3e9, servedTokens: 0, preset: 'lesson' });
    const c = computeOptimal(e.inferenceOptimal.lifetimeFlops, 'epoch');
    expectClose(e.inferenceOptimal.params, c.params, 1e-9);
    expect(e.inferenceOptimal.fit).toBe('epoch');
  });

  it('heavier serving moves the optimum to a smaller model', () => {
    const light = explore({ params: 3e9, servedTokens: 1e10, preset: 'lesson' }).inferenceOptimal;
    const heavy = explore({ params: 3e9, servedTokens: 1e13, preset: 'lesson', fit: 'hoffmann' }).inferenceOptimal;
    expect(light.params).toBeLessThan(3e9);
    expect(heavy.params).toBeLessThan(light.params);
  });

  it('carries the price ladder with its spread computed from the catalogue', () => {
    const ladder = explore({ params: 3e9, servedTokens: 1e10, preset: 'lesson' }).priceLadder;
    expect(ladder.rows.length).toBe(18);
    expect(ladder.dearest.model).toBe('Claude Opus 4');
    expect(ladder.cheapestToDearestRatio).toBeCloseTo(75 / ladder.cheapest.outputUsdPerMillion, 9);
  });

  it('is deterministic', () => {
    const a = explore({ params: 12.3e9, servedTokens: 4.5e11, preset: 'laptop' });
    const b = explore({ params: 12.3e9, servedTokens: 4.5e11, preset: 'laptop' });
    expect(a).toEqual(b);
  });
});
