import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apiSelfHostCrossoverRequests,
  cascadeCostPerRequestUsd,
  costPerRequestUsd,
  cpuMonthlyUsd,
  HOURS_PER_MONTH,
  monthlyProjection,
  onDeviceMonthlyUsd,
  replicasNeeded,
  selfHostedMonthlyUsd,
} from './cost.ts';
import { expectClose } from './test-helpers.ts';

describe('API cost per request', () => {
  it.each([
    // in, out, $/M in, $/M out, $
    [1000, 200, 2.5, 10, 0.0045], // GPT-4o
    [1000, 200, 15, 75, 0.03], // Claude Opus 4
    [1000, 200, 0.02, 0.03, 0.000026], // DeepInfra Llama 3.1 8B
    [0, 1e6, 0, 75, 75],
  ])('%d in + %d out at $%d/$%d → $%d', (inputTokens, outputTokens, inputUsdPerMillion, outputUsdPerMillion, usd) => {
    expectClose(costPerRequestUsd({ inputTokens, outputTokens, inputUsdPerMillion, outputUsdPerMillion }), usd);
  });
});

describe('self-hosted', () => {
  it.each([
    // peak rps, rps per replica, target utilisation, min replicas, replicas
    [50, 8, 0.7, undefined, 9],
    [0, 8, 0.7, undefined, 1],
    [0, 8, 0.7, 0, 0],
    [56, 8, 0.7, undefined, 10], // 56 / 5.6 = 10 exactly, despite floating point
    [10, 1, 1, 12, 12],
  ])('peak %s rps, %s per replica at %s, min %s → %s replicas', (peak, perReplica, target, minReplicas, replicas) => {
    expect(
      replicasNeeded({
        peakRequestsPerSecond: peak,
        requestsPerSecondPerReplica: perReplica,
        targetUtilization: target,
        ...(minReplicas === undefined ? {} : { minReplicas }),
      }),
    ).toBe(replicas);
  });

  it('an average month has 730 hours', () => {
    expect(HOURS_PER_MONTH).toBe(730);
  });

  it.each([
    [2, undefined, 2, undefined, 2920],
    [1, 8, 2.49, undefined, 8 * 2.49 * 730],
    [3, 1, 0.7, 200, 420],
  ])('%s replicas × %s GPUs at $%s/h → $%s', (replicas, gpus, price, hours, usd) => {
    expectClose(
      selfHostedMonthlyUsd({
        replicas,
        usdPerGpuHour: price,
        ...(gpus === undefined ? {} : { gpusPerReplica: gpus }),
        ...(hours === undefined ? {} : { hoursPerMonth: hours }),
      }),
      usd,
    );
  });

  it('CPU models are priced in vCPU-hours', () => {
    expectClose(
      cpuMonthlyUsd({ requestsPerMonth: 10e6, vcpuSecondsPerRequest: 0.02, usdPerVcpuHour: 0.04, utilization: 0.5 }),
      40 / 9,
    );
    expectClose(cpuMonthlyUsd({ requestsPerMonth: 3.6e6, vcpuSecondsPerRequest: 1, usdPerVcpuHour: 0.05 }), 50);
  });

  it('on-device is the fixed cost plus an almost-zero marginal', () => {
    expect(onDeviceMonthlyUsd({ requestsPerMonth: 5e6, fixedMonthlyUsd: 1200 })).toBe(1200);
    expectClose(
      onDeviceMonthlyUsd({ requestsPerMonth: 5e6, fixedMonthlyUsd: 1200, marginalUsdPerRequest: 1e-5 }),
      1250,
    );
  });
});

describe('cascade', () => {
  it.each([
    [0.0001, 0.01, 0.15, 0.0016],
    [0.0001, 0.01, 0, 0.0001],
    [0.0001, 0.01, 1, 0.0101],
  ])('small $%s, large $%s, escalation %s → $%s', (small, large, rate, usd) => {
    expectClose(
      cascadeCostPerRequestUsd({ smallUsdPerRequest: small, largeUsdPerRequest: large, escalationRate: rate }),
      usd,
    );
  });
});

describe('monthly projection', () => {
  it('compounds growth and accumulates', () => {
    const rows = monthlyProjection({
      requestsPerMonth: 1e6,
      growthPerMonth: 0.1,
      months: 3,
      costPerRequestUsd: 0.001,
      fixedMonthlyUsd: 100,
    });
    expect(rows.map((r) => r.month)).toEqual([1, 2, 3]);
    expectClose(rows[0]!.totalUsd, 1100);
    expectClose(rows[1]!.requests, 1.1e6);
    expectClose(rows[1]!.totalUsd, 1200);
    expectClose(rows[2]!.requests, 1.21e6);
    expectClose(rows[2]!.totalUsd, 1310);
    expectClose(rows[2]!.cumulativeUsd, 3610);
  });

  it('handles decline and no growth', () => {
    const flat = monthlyProjection({ requestsPerMonth: 5e5, growthPerMonth: 0, months: 12, costPerRequestUsd: 0.002 });
    expect(flat).toHaveLength(12);
    expectClose(flat[11]!.cumulativeUsd, 12 * 1000);
    const decline = monthlyProjection({
      requestsPerMonth: 1e6,
      growthPerMonth: -0.5,
      months: 2,
      costPerRequestUsd: 0.001,
    });
    expectClose(decline[1]!.requests, 5e5);
  });
});

function selfHostCost(
  volume: number,
  replicaUsd: number,
  capacity: number,
  fixed: number,
  minReplicas: number,
): number {
  return Math.max(minReplicas, Math.ceil(volume / capacity)) * replicaUsd + fixed;
}

describe('API vs self-host crossover', () => {
  it.each([
    // $/request, $/replica-month, requests/replica-month, fixed, min replicas, crossover
    [0.002, 1460, 3e6, 0, 1, 730_000],
    [0.002, 1460, 3e6, 5000, 1, 3_960_000], // in the second replica's band: (2 × 1460 + 5000) / 0.002
    [0.001, 2000, 3e6, 0, 1, 4e6], // self-hosting first wins at 2M, but the second replica (from 3M) hands it back to the API until 4M
    [0.0005, 2920, 3e6, 0, 1, Number.POSITIVE_INFINITY], // a replica's traffic costs $1,500 on the API, less than the replica
    [0, 100, 1e6, 0, 1, Number.POSITIVE_INFINITY],
  ])(
    'API $%d/request vs $%d/replica',
    (apiUsdPerRequest, replicaMonthlyUsd, requestsPerMonthPerReplica, fixedMonthlyUsd, minReplicas, expected) => {
      const v = apiSelfHostCrossoverRequests({
        apiUsdPerRequest,
        replicaMonthlyUsd,
        requestsPerMonthPerReplica,
        fixedMonthlyUsd,
        minReplicas,
      });
      if (expected === Number.POSITIVE_INFINITY) expect(v).toBe(expected);
      else {
        // Checked against the definition rather than a hand value where the staircase matters.
        const api = (x: number): number => x * apiUsdPerRequest;
        const self = (x: number): number =>
          selfHostCost(x, replicaMonthlyUsd, requestsPerMonthPerReplica, fixedMonthlyUsd, minReplicas);
        for (let x = v * 1.000001 + 1; x < v * 20; x *= 1.01) expect(api(x)).toBeGreaterThanOrEqual(self(x) - 1e-9);
        expect(api(v * 0.999999)).toBeLessThan(self(v * 0.999999));
        expectClose(v, expected);
      }
    },
  );

  it('is the volume beyond which self-hosting always wins (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.double({ min: 1e3, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        (p, replicaUsd, capacity, fixed, minReplicas) => {
          const v = apiSelfHostCrossoverRequests({
            apiUsdPerRequest: p,
            replicaMonthlyUsd: replicaUsd,
            requestsPerMonthPerReplica: capacity,
            fixedMonthlyUsd: fixed,
            minReplicas,
          });
          if (p * capacity <= replicaUsd) {
            expect(v).toBe(Number.POSITIVE_INFINITY);
            return;
          }
          expect(Number.isFinite(v)).toBe(true);
          const tol = 1e-9 * (replicaUsd * (v / capacity + minReplicas + 1) + fixed + 1);
          // Above the crossover, at band edges (the worst points) and in between, self-hosting is no dearer.
          const band = Math.max(minReplicas, Math.ceil(v / capacity));
          for (let k = band; k < band + 25; k += 1) {
            for (const x of [k * capacity * (1 + 1e-9), (k + 0.5) * capacity]) {
              if (x > v)
                expect(p * x).toBeGreaterThanOrEqual(selfHostCost(x, replicaUsd, capacity, fixed, minReplicas) - tol);
            }
          }
          // Just below it the API is cheaper.
          if (v > 0) {
            const x = v * (1 - 1e-7);
            expect(p * x).toBeLessThanOrEqual(selfHostCost(x, replicaUsd, capacity, fixed, minReplicas) + tol);
          }
        },
      ),
    );
  });
});
