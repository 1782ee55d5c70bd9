import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { llama3Overtraining } from './catalog/scaling.ts';
import { expectClose } from './test-helpers.ts';
import {
  chinchillaTokens,
  deviceSeconds,
  inferenceFlops,
  inferenceShareAtScale,
  lifetimeCompute,
  trainingFlops,
} from './compute.ts';

const DAY = 86_400;
const HOUR = 3_600;
const LESSON_DEVICE = { peakFlops: 1e15, utilization: 1 };

describe('the lesson, reproduced', () => {
  it.each([
    // params, trainTokens, servedTokens, trainFlops, inferenceFlops, crossoverTokens
    [3e9, 60e9, 10e9, 1.08e21, 6e19, 180e9],
    [70e9, 1.4e12, 0, 5.88e23, 0, 4.2e12],
    [8e9, 15e12, 1e12, 7.2e23, 1.6e22, 45e12],
  ])('N=%d D=%d T=%d', (params, trainTokens, servedTokens, train, infer, crossover) => {
    const r = lifetimeCompute({ params, trainTokens, servedTokens });
    expectClose(r.trainFlops, train);
    expectClose(r.inferenceFlops, infer);
    expectClose(r.crossoverTokens, crossover);
    expectClose(trainingFlops(params, trainTokens), train);
    expectClose(inferenceFlops(params, servedTokens), infer);
  });

  it('3B Chinchilla-trained: 12.5 days to train and 16.7 hours to serve 10B tokens at 1 PFLOP/s', () => {
    const d = chinchillaTokens(3e9);
    expect(d).toBe(60e9);
    const train = deviceSeconds(trainingFlops(3e9, d), LESSON_DEVICE);
    const serve = deviceSeconds(inferenceFlops(3e9, 10e9), LESSON_DEVICE);
    expectClose(train, 1.08e6);
    expectClose(train / DAY, 12.5);
    expectClose(serve, 6e4);
    expect(serve / HOUR).toBeCloseTo(16.6667, 3);
  });

  it('crossover is 60·N at Chinchilla (180B tokens for 3B)', () => {
    for (const n of [0.5e9, 3e9, 70e9, 500e9]) {
      expectClose(
        lifetimeCompute({ params: n, trainTokens: chinchillaTokens(n), servedTokens: 0 }).crossoverTokens,
        60 * n,
      );
    }
  });

  it('inference share is one half exactly at the crossover', () => {
    const r = lifetimeCompute({ params: 3e9, trainTokens: 60e9, servedTokens: 180e9 });
    expect(r.inferenceShare).toBeCloseTo(0.5, 15);
    expect(lifetimeCompute({ params: 3e9, trainTokens: 60e9, servedTokens: 10e9 }).inferenceShare).toBeCloseTo(
      10 / 190,
      15,
    );
    expect(lifetimeCompute({ params: 3e9, trainTokens: 0, servedTokens: 0 }).inferenceShare).toBe(0);
  });

  it('H100 SXM at 40 % MFU trains the 3B model in about 31.6 days', () => {
    expect(deviceSeconds(1.08e21, { peakFlops: 989.4e12, utilization: 0.4 }) / DAY).toBeCloseTo(31.58, 2);
  });
});

describe('Llama 3 8B over-training', () => {
  it('is trained at D/N ≈ 1,875, about 94× Chinchilla', () => {
    const tokens = llama3Overtraining.pretrainingTokens.value;
    const params = llama3Overtraining.nominalParams.value;
    const ratio = tokens / params;
    expect(ratio).toBe(1875);
    expect(ratio).toBe(llama3Overtraining.tokensPerParam.value);
    expect(Math.round(tokens / chinchillaTokens(params))).toBe(94);
    // With the config-derived parameter count the ratio is 1,868.
    expect(Math.round(tokens / 8_030_261_248)).toBe(1868);
    // Against Meta's own "~200B tokens is Chinchilla-optimal for 8B" it is 75×.
    expect(tokens / llama3Overtraining.metaChinchillaOptimalTokens.value).toBe(75);
  });

  it('crosses over at 45T served tokens, three times its training set', () => {
    expect(lifetimeCompute({ params: 8e9, trainTokens: 15e12, servedTokens: 0 }).crossoverTokens).toBe(45e12);
  });
});

const params = fc.double({ min: 1e6, max: 1e13, noNaN: true });
const tokens = fc.double({ min: 0, max: 1e16, noNaN: true });

describe('properties', () => {
  it('training FLOPs grow with parameters and with tokens', () => {
    fc.assert(
      fc.property(params, params, tokens, (a, b, d) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(trainingFlops(lo, d)).toBeLessThanOrEqual(trainingFlops(hi, d));
      }),
    );
    fc.assert(
      fc.property(params, tokens, tokens, (n, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(trainingFlops(n, lo)).toBeLessThanOrEqual(trainingFlops(n, hi));
      }),
    );
  });

  it('inference share is in [0, 1] and grows with served tokens', () => {
    fc.assert(
      fc.property(params, tokens, tokens, tokens, (n, d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s1 = lifetimeCompute({ params: n, trainTokens: d, servedTokens: lo }).inferenceShare;
        const s2 = lifetimeCompute({ params: n, trainTokens: d, servedTokens: hi }).inferenceShare;
        expect(s1).toBeGreaterThanOrEqual(0);
        expect(s2).toBeLessThanOrEqual(1);
        expect(s1).toBeLessThanOrEqual(s2);
      }),
    );
  });

  it('at a fixed served volume, the share falls as N grows when tokens scale with N', () => {
    fc.assert(
      fc.property(params, params, tokens, fc.double({ min: 1, max: 10_000, noNaN: true }), (a, b, t, k) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = inferenceShareAtScale({ params: lo, servedTokens: t, tokensPerParam: k });
        const sHi = inferenceShareAtScale({ params: hi, servedTokens: t, tokensPerParam: k });
        expect(sHi).toBeLessThanOrEqual(sLo);
        expect(sHi).toBeGreaterThanOrEqual(0);
        expect(sLo).toBeLessThanOrEqual(1);
        // Same figure as lifetimeCompute with D = k·N.
        expect(sLo).toBeCloseTo(
          lifetimeCompute({ params: lo, trainTokens: k * lo, servedTokens: t }).inferenceShare,
          12,
        );
      }),
    );
  });

  it('device seconds scale inversely with peak and utilisation', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e26, noNaN: true }),
        fc.double({ min: 1e9, max: 1e18, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (flops, peak, util) => {
          const s = deviceSeconds(flops, { peakFlops: peak, utilization: util });
          expectClose(s * peak * util, flops, 1e-12);
        },
      ),
    );
  });
});
