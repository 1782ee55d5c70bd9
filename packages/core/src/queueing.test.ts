import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC, mmcLatency, mmcResponseTimeQuantileSeconds } from './queueing.ts';
import { expectClose } from './test-helpers.ts';

/** Erlang C straight from its textbook definition, for small c. */
function erlangCDirect(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k += 1) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = (term * a) / c / (1 - rho);
  return top / (sum + top);
}

/** P(R > t) by numerical integration: P(S > t) + ∫₀ᵗ μe^{−μs} · C·e^{−θ(t−s)} ds (Simpson). */
function survivalByIntegration(t: number, lambda: number, mu: number, c: number): number {
  const pWait = erlangCDirect(lambda, mu, c);
  const theta = c * mu - lambda;
  const steps = 2000;
  const h = t / steps;
  let acc = 0;
  for (let i = 0; i <= steps; i += 1) {
    const s = i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    acc += w * mu * Math.exp(-mu * s) * pWait * Math.exp(-theta * (t - s));
  }
  return Math.exp(-mu * t) + (acc * h) / 3;
}

describe('Erlang C against textbook values', () => {
  it.each([
    // λ, μ, c, P(wait)
    [2, 1, 3, 4 / 9],
    [1, 1, 2, 1 / 3], // M/M/2 at ρ = 0.5: 2ρ²/(1+ρ)
    [0.5, 1, 1, 0.5], // M/M/1: ρ
    [0.9, 1, 1, 0.9],
    [0, 1, 4, 0],
  ])('λ=%d μ=%d c=%d → %d', (lambda, mu, c, p) => {
    expectClose(erlangC({ arrivalRatePerSecond: lambda, serviceRatePerSecond: mu, servers: c }), p, 1e-12);
  });

  it('λ=2, μ=1, c=3 gives C ≈ 0.4444', () => {
    expect(erlangC({ arrivalRatePerSecond: 2, serviceRatePerSecond: 1, servers: 3 })).toBeCloseTo(0.4444, 4);
  });

  it('agrees with the factorial form and stays finite where that form overflows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (c, rho) => {
        const lambda = rho * c;
        expectClose(
          erlangC({ arrivalRatePerSecond: lambda, serviceRatePerSecond: 1, servers: c }),
          erlangCDirect(lambda, 1, c),
          1e-9,
        );
      }),
    );
    const big = erlangC({ arrivalRatePerSecond: 9500, serviceRatePerSecond: 1, servers: 10_000 });
    expect(Number.isFinite(big)).toBe(true);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(big).toBeLessThanOrEqual(1);
  });

  it('is 1 when the system is unstable', () => {
    expect(erlangC({ arrivalRatePerSecond: 3, serviceRatePerSecond: 1, servers: 3 })).toBe(1);
  });
});

describe('M/M/c latency', () => {
  it('λ=2, μ=1, c=3: mean wait 4/9 s, mean latency 13/9 s', () => {
    const r = mmcLatency({ arrivalRatePerSecond: 2, serviceRatePerSecond: 1, servers: 3 });
    expect(r.stable).toBe(true);
    expectClose(r.utilization, 2 / 3);
    expectClose(r.meanWaitSeconds, 4 / 9);
    expectClose(r.meanLatencySeconds, 13 / 9);
  });

  it.each([
    // M/M/1: response time is exponential with rate μ − λ
    [0.5, 1],
    [9, 10],
    [0, 3],
  ])('M/M/1 λ=%d μ=%d quantiles are −ln(1−q)/(μ−λ)', (lambda, mu) => {
    const r = mmcLatency({ arrivalRatePerSecond: lambda, serviceRatePerSecond: mu, servers: 1 });
    expectClose(r.p50Seconds, Math.log(2) / (mu - lambda), 1e-12);
    expectClose(r.p95Seconds, Math.log(20) / (mu - lambda), 1e-12);
    expectClose(r.p99Seconds, Math.log(100) / (mu - lambda), 1e-12);
    expectClose(r.meanLatencySeconds, 1 / (mu - lambda), 1e-12);
  });

  it.each([
    [2, 1, 3],
    [7, 1, 8],
    [1.5, 0.5, 4], // θ = cμ − λ = μ: the equal-rates branch
    [30, 2, 20],
  ])('quantiles invert the response-time distribution (λ=%d μ=%d c=%d)', (lambda, mu, c) => {
    const r = mmcLatency({ arrivalRatePerSecond: lambda, serviceRatePerSecond: mu, servers: c });
    for (const [q, t] of [
      [0.5, r.p50Seconds],
      [0.95, r.p95Seconds],
      [0.99, r.p99Seconds],
    ] as const) {
      expect(survivalByIntegration(t, lambda, mu, c)).toBeCloseTo(1 - q, 8);
    }
    expect(r.p50Seconds).toBeLessThan(r.p95Seconds);
    expect(r.p95Seconds).toBeLessThan(r.p99Seconds);
  });

  it('tail latency rises with load', () => {
    let previous = 0;
    for (const lambda of [0, 1, 2, 2.5, 2.9, 2.99]) {
      const p99 = mmcLatency({ arrivalRatePerSecond: lambda, serviceRatePerSecond: 1, servers: 3 }).p99Seconds;
      expect(p99).toBeGreaterThan(previous);
      previous = p99;
    }
  });

  it('returns infinite latencies, not an error, when unstable', () => {
    const r = mmcLatency({ arrivalRatePerSecond: 5, serviceRatePerSecond: 1, servers: 4 });
    expect(r.stable).toBe(false);
    expect(r.utilization).toBe(1.25);
    expect(r.p99Seconds).toBe(Number.POSITIVE_INFINITY);
    expect(r.meanLatencySeconds).toBe(Number.POSITIVE_INFINITY);
    expect(
      mmcResponseTimeQuantileSeconds({ arrivalRatePerSecond: 4, serviceRatePerSecond: 1, servers: 4, quantile: 0.9 }),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('any quantile matches the named ones', () => {
    const options = { arrivalRatePerSecond: 7, serviceRatePerSecond: 1, servers: 8 };
    expect(mmcResponseTimeQuantileSeconds({ ...options, quantile: 0.95 })).toBe(mmcLatency(options).p95Seconds);
    expect(mmcResponseTimeQuantileSeconds({ ...options, quantile: 0 })).toBe(0);
  });
});
