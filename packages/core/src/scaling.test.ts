import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scalingLawFits, type ScalingFitId } from './catalog/scaling.ts';
import { chinchillaLoss, computeOptimal, inferenceOptimal } from './scaling.ts';
import { expectClose } from './test-helpers.ts';

describe('chinchillaLoss', () => {
  it.each([
    // Chinchilla itself: 70B on 1.4T tokens
    [70e9, 1.4e12, 'hoffmann', 1.69 + 406.4 / 70e9 ** 0.34 + 410.7 / 1.4e12 ** 0.28],
    [70e9, 1.4e12, 'epoch', 1.8172 + 482.01 / 70e9 ** 0.3478 + 2085.43 / 1.4e12 ** 0.3658],
  ] as const)('N=%d D=%d %s', (n, d, fit, expected) => {
    expectClose(chinchillaLoss(n, d, fit), expected);
  });

  it('Chinchilla 70B is predicted at about 1.94 nats with the Hoffmann fit', () => {
    expect(chinchillaLoss(70e9, 1.4e12, 'hoffmann')).toBeCloseTo(1.937, 3);
  });

  it('approaches E with unbounded N and D', () => {
    expect(chinchillaLoss(1e30, 1e30, 'hoffmann')).toBeCloseTo(scalingLawFits.hoffmann.E, 3);
  });
});

describe('computeOptimal matches the reference worked examples', () => {
  it.each([
    // fit, C, N, D, tokens per parameter (reference compute_optimal_examples_derived)
    ['hoffmann', 1e21, 1_824_217_697, 91_363_364_663, 50.1],
    ['hoffmann', 1e23, 14_598_306_275, 1_141_684_956_624, 78.2],
    ['hoffmann', 1e25, 116_822_979_225, 14_266_599_582_732, 122.1],
    ['epoch', 1e21, 2_778_459_463, 59_985_279_210, 21.6],
    ['epoch', 1e23, 29_446_133_735, 566_005_262_923, 19.2],
    ['epoch', 1e25, 312_070_340_942, 5_340_676_277_138, 17.1],
  ] as const)('%s at C=%d', (fit, c, n, d, ratio) => {
    const r = computeOptimal(c, fit);
    expectClose(r.params, n, 1e-9);
    expectClose(r.tokens, d, 1e-9);
    expect(r.tokensPerParam).toBeCloseTo(ratio, 1);
    expectClose(6 * r.params * r.tokens, c);
  });
});

const fits: readonly ScalingFitId[] = ['hoffmann', 'epoch'];
const fitArb = fc.constantFrom(...fits);

describe('loss and compute-optimal properties', () => {
  it('loss decreases in N and in D', () => {
    fc.assert(
      fc.property(
        fitArb,
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.double({ min: 1e8, max: 1e16, noNaN: true }),
        (fit, a, b, d) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(chinchillaLoss(hi, d, fit)).toBeLessThanOrEqual(chinchillaLoss(lo, d, fit));
          expect(chinchillaLoss(d, hi, fit)).toBeLessThanOrEqual(chinchillaLoss(d, lo, fit));
        },
      ),
    );
  });

  it('computeOptimal satisfies 6·N·D = C and beats nearby splits of the same budget', () => {
    fc.assert(
      fc.property(
        fitArb,
        fc.double({ min: 1e15, max: 1e28, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (fit, c, m) => {
          const r = computeOptimal(c, fit);
          expectClose(6 * r.params * r.tokens, c, 1e-12);
          const n = r.params * m;
          const d = c / (6 * n);
          expect(chinchillaLoss(n, d, fit)).toBeGreaterThanOrEqual(r.loss - 1e-12);
        },
      ),
    );
  });
});

describe('inferenceOptimal (Sardana et al. 2024)', () => {
  it.each(fits)('with nothing served it lands on the compute-optimal point (%s)', (fit) => {
    for (const n of [0.5e9, 3e9, 70e9, 500e9]) {
      const r = inferenceOptimal({ params: n, servedTokens: 0, fit });
      const c = computeOptimal(r.lifetimeFlops, fit);
      expectClose(r.params, c.params, 1e-9);
      expectClose(r.tokens, c.tokens, 1e-9);
      expectClose(r.loss, r.targetLoss, 1e-12);
      expect(r.savedFlops).toBeGreaterThanOrEqual(0);
    }
  });

  it('with the Epoch fit and nothing served, the optimum is close to Chinchilla’s 20 tokens per parameter', () => {
    const r = inferenceOptimal({ params: 7e9, servedTokens: 0, fit: 'epoch' });
    expect(r.tokensPerParam).toBeGreaterThan(17);
    expect(r.tokensPerParam).toBeLessThan(23);
    expect(r.savedFraction).toBeLessThan(0.001);
  });

  it.each(fits)('more serving shrinks N and lengthens training monotonically (%s)', (fit) => {
    const volumes = [0, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    const results = volumes.map((servedTokens) => inferenceOptimal({ params: 7e9, servedTokens, fit }));
    for (let i = 1; i < results.length; i += 1) {
      const prev = results[i - 1]!;
      const cur = results[i]!;
      expect(cur.params).toBeLessThan(prev.params);
      expect(cur.tokensPerParam).toBeGreaterThan(prev.tokensPerParam);
      expect(cur.savedFraction).toBeGreaterThanOrEqual(prev.savedFraction - 1e-12);
    }
  });

  it('keeps the target loss and never costs more than the reference', () => {
    fc.assert(
      fc.property(
        fitArb,
        fc.double({ min: 1e8, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1e16, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        (fit, params, servedTokens, k) => {
          const r = inferenceOptimal({ params, servedTokens, fit, referenceTokensPerParam: k });
          expectClose(r.loss, r.targetLoss, 1e-9);
          expect(r.savedFlops).toBeGreaterThanOrEqual(0);
          expect(r.lifetimeFlops).toBeLessThanOrEqual(r.reference.lifetimeFlops);
          expectClose(r.lifetimeFlops, 6 * r.params * r.tokens + 2 * r.params * servedTokens, 1e-12);
          // No point on the iso-loss curve nearby does better.
          for (const m of [0.9, 1.1]) {
            const n = r.params * m;
            const f = scalingLawFits[fit];
            const rest = r.targetLoss - f.E - f.A / n ** f.alpha;
            if (rest <= 0) continue;
            const d = (f.B / rest) ** (1 / f.beta);
            expect(6 * n * d + 2 * n * servedTokens).toBeGreaterThanOrEqual(r.lifetimeFlops * (1 - 1e-12));
          }
        },
      ),
    );
  });

  it('is deterministic and fast (well under 0.2 ms per call)', () => {
    const a = inferenceOptimal({ params: 3e9, servedTokens: 1e12, fit: 'epoch' });
    const b = inferenceOptimal({ params: 3e9, servedTokens: 1e12, fit: 'epoch' });
    expect(a).toEqual(b);
    const runs = 2000;
    const start = performance.now();
    for (let i = 0; i < runs; i += 1)
      inferenceOptimal({ params: 0.5e9 * 1.003 ** i, servedTokens: 1e12, fit: 'hoffmann' });
    expect((performance.now() - start) / runs).toBeLessThan(0.2);
  });
});
