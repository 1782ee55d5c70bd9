import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cascadeLatencyQuantileSeconds,
  dominated,
  evaluateCandidate,
  evaluateCascade,
  localitySatisfies,
  PROJECTION_MONTHS,
  RADAR_SCORE_CAP,
  radarScores,
  runsInKinds,
  SECONDS_PER_MONTH,
  taskLocalities,
  type CandidateEvaluation,
  type CandidateSpec,
  type EvaluateOptions,
  type TaskBudgets,
} from './candidate.ts';
import { deviceById } from './catalog/devices.ts';
import { DATACENTER_MBU, DEFAULT_MFU, LOCAL_RUNTIME_MBU } from './catalog/efficiency.ts';
import { decoderModels, encoderModels } from './catalog/models.ts';
import { deviceSeconds, inferenceFlops } from './compute.ts';
import {
  cascadeCostPerRequestUsd,
  costPerRequestUsd,
  cpuMonthlyUsd,
  monthlyProjection,
  onDeviceMonthlyUsd,
  replicasNeeded,
  selfHostedMonthlyUsd,
} from './cost.ts';
import { decodeSecondsPerToken, endToEndLatencySeconds, prefillSeconds } from './latency.ts';
import { kvCacheBytes, memoryFit, weightBytes } from './memory.ts';
import { erlangC, mmcLatency, mmcResponseTimeQuantileSeconds } from './queueing.ts';
import { expectClose } from './test-helpers.ts';

/**
 * The receipts example (seed "What Small Actually Means"): a finance app reads vendor, date, total
 * and tax from photographed receipts, millions a month, fast enough that the user sees the result
 * before putting the phone away; data preferably kept in the EU.
 */
const receipts: TaskBudgets = {
  monthlyRequests: 3e6,
  monthlyGrowth: 0.05,
  inputTokens: 400,
  outputTokens: 40,
  inputTokensP95: 900,
  outputTokensP95: 80,
  latencyP95Seconds: 4,
  latencyP99Seconds: 8,
  streaming: false,
  ttftSeconds: null,
  targetDeviceId: null,
  memoryBudgetBytes: null,
  locality: 'ANY',
  jurisdictions: ['EU'],
  monthlyBudgetUsd: 5000,
  qualityBar: 0.95,
  qualityHigherBetter: true,
};

const PEAK = (receipts.monthlyRequests / SECONDS_PER_MONTH) * 2;
const TARGET = 0.7;
const OVERHEAD = 0.2;
const HEADROOM = 0.1;

const classifierSpec: CandidateSpec = {
  deployment: 'SELF_HOSTED',
  runsIn: 'OWN_CLOUD',
  model: { catalogId: 'distilbert-base-uncased' },
  format: 'f32',
  hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0.05 } },
  jurisdiction: 'EU',
};
const phoneSpec: CandidateSpec = {
  deployment: 'ON_DEVICE',
  model: { catalogId: 'llama-3.2-3b' },
  format: 'q4_k_m',
  deviceId: 'apple-a17-pro',
  fixedMonthlyUsd: 200,
};
const l4Spec: CandidateSpec = {
  deployment: 'SELF_HOSTED',
  runsIn: 'OWN_CLOUD',
  model: { catalogId: 'llama-3.1-8b' },
  format: 'int4_awq',
  hardware: { gpu: { deviceId: 'l4' } },
  jurisdiction: 'EU',
};
const apiSpec: CandidateSpec = {
  deployment: 'API',
  priceId: 'openai-gpt-4o',
  ttftSeconds: 0.5,
  outputTokensPerSecond: 80,
  jurisdiction: 'US',
};

const evaluate = (spec: CandidateSpec, kind: EvaluateOptions['kind'], task: TaskBudgets = receipts, extra = {}) =>
  evaluateCandidate({ task, kind, spec, ...extra });

const classifier = evaluate(classifierSpec, 'CLASSIFIER');
const phone = evaluate(phoneSpec, 'SLM');
const l4 = evaluate(l4Spec, 'SLM');
const api = evaluate(apiSpec, 'FRONTIER_API');
const cascade = evaluateCascade({ task: receipts, small: phone, large: api, escalationRate: 0.1 });

const decoder = (id: string) => decoderModels.find((m) => m.id === id)!;
const noQueueTail = (e2e: number, quantile: number) =>
  mmcResponseTimeQuantileSeconds({ arrivalRatePerSecond: 0, serviceRatePerSecond: 1 / e2e, servers: 1, quantile });

describe('the receipts example, figure by figure against the core functions', () => {
  it('encoder classifier on CPU', () => {
    const params = encoderModels.find((m) => m.id === 'distilbert-base-uncased')!.params.value;
    const w = weightBytes(params, 'f32');
    expect(classifier.memory.weightBytes.value).toBe(w);
    expect(classifier.memory.kvCacheBytes.value).toBe(0);
    expectClose(classifier.memory.totalBytes.value!, w * (1 + OVERHEAD));
    const monthly = cpuMonthlyUsd({
      requestsPerMonth: 3e6,
      vcpuSecondsPerRequest: 0.05,
      usdPerVcpuHour: 0.04,
      utilization: TARGET,
    });
    expectClose(classifier.cost.monthlyUsd.value!, monthly);
    expectClose(classifier.cost.perRequestUsd.value!, monthly / 3e6);
    const vcpus = replicasNeeded({
      peakRequestsPerSecond: PEAK,
      requestsPerSecondPerReplica: 20,
      targetUtilization: TARGET,
    });
    expect(classifier.cost.replicas).toBe(vcpus);
    const q = mmcLatency({ arrivalRatePerSecond: PEAK, serviceRatePerSecond: 20, servers: vcpus });
    expect(classifier.latency.endToEndSeconds.value).toBe(0.05);
    expect(classifier.latency.p95Seconds.value).toBe(q.p95Seconds);
    expect(classifier.latency.p99Seconds.value).toBe(q.p99Seconds);
    expect(classifier.latency.utilization).toBe(q.utilization);
    expect([classifier.cost.verdict, classifier.latency.verdict, classifier.memory.verdict]).toEqual([
      'PASS',
      'PASS',
      'UNKNOWN',
    ]);
    expect(classifier.control).toMatchObject({ runsIn: 'OWN_CLOUD', jurisdiction: 'EU', verdict: 'PASS' });
  });

  it('Q4 3 B SLM on a phone (Apple A17 Pro)', () => {
    const model = decoder('llama-3.2-3b');
    const a17 = deviceById('apple-a17-pro');
    const n = model.params.value;
    const w = weightBytes(n, 'q4_k_m');
    const bw = a17.bandwidthBytesPerSecond.value;
    const mbu = LOCAL_RUNTIME_MBU.value;
    const ttft = Math.max(
      prefillSeconds({ params: n, promptTokens: 400, peakFlops: a17.peakFlops!.value, utilization: DEFAULT_MFU.value }),
      decodeSecondsPerToken({ weightBytes: w, kvBytes: 0, bandwidthBytesPerSecond: bw, efficiency: mbu }),
    );
    const kvTypical = kvCacheBytes(model.architecture, { contextTokens: 440 });
    const tpot = Math.max(
      decodeSecondsPerToken({ weightBytes: w, kvBytes: kvTypical, bandwidthBytesPerSecond: bw, efficiency: mbu }),
      deviceSeconds(inferenceFlops(n, 1), { peakFlops: a17.peakFlops!.value, utilization: DEFAULT_MFU.value }),
    );
    const e2e = endToEndLatencySeconds({ ttftSeconds: ttft, tpotSeconds: tpot, outputTokens: 40 });
    expectClose(phone.latency.ttftSeconds.value!, ttft);
    expectClose(phone.latency.endToEndSeconds.value!, e2e);
    expectClose(phone.latency.p95Seconds.value!, noQueueTail(e2e, 0.95));
    expectClose(phone.latency.p99Seconds.value!, noQueueTail(e2e, 0.99));
    const kv = kvCacheBytes(model.architecture, { contextTokens: 980 });
    const fit = memoryFit({
      memoryBytes: a17.memoryBytes.value,
      weightBytes: w,
      kvBytes: kv,
      runtimeOverheadBytes: OVERHEAD * w,
    });
    expect(phone.memory.kvCacheBytes.value).toBe(kv);
    expectClose(phone.memory.totalBytes.value!, fit.requiredBytes);
    expectClose(phone.memory.checks[0]!.spareBytes, fit.spareBytes);
    expect(phone.memory.verdict).toBe('PASS');
    expect(phone.cost.monthlyUsd.value).toBe(onDeviceMonthlyUsd({ requestsPerMonth: 3e6, fixedMonthlyUsd: 200 }));
    expect(phone.cost.projection.every((row) => row.totalUsd === 200)).toBe(true);
    expect(phone.control).toMatchObject({ runsIn: 'ON_DEVICE', jurisdiction: null, verdict: 'PASS' });
    expect(phone.control.reason).toContain('the data stays on the device');
    expect(phone.latency.verdict).toBe(phone.latency.p95Seconds.value! <= 4 ? 'PASS' : 'FAIL');
  });

  it('8 B model (AWQ int4) on NVIDIA L4s', () => {
    const model = decoder('llama-3.1-8b');
    const l4Device = deviceById('l4');
    const n = model.params.value;
    const w = weightBytes(n, 'int4_awq');
    const peak = l4Device.peakFlops!.value;
    const bw = l4Device.bandwidthBytesPerSecond.value;
    const roof = { peakFlops: peak, utilization: DEFAULT_MFU.value };
    const ttft = Math.max(
      prefillSeconds({ params: n, promptTokens: 400, ...roof }),
      decodeSecondsPerToken({
        weightBytes: w,
        kvBytes: 0,
        bandwidthBytesPerSecond: bw,
        efficiency: DATACENTER_MBU.value,
      }),
    );
    const kvTypical = kvCacheBytes(model.architecture, { contextTokens: 440 });
    const service = (b: number) =>
      endToEndLatencySeconds({
        ttftSeconds: ttft,
        tpotSeconds: Math.max(
          decodeSecondsPerToken({
            weightBytes: w,
            kvBytes: b * kvTypical,
            bandwidthBytesPerSecond: bw,
            efficiency: DATACENTER_MBU.value,
          }),
          deviceSeconds(inferenceFlops(n, b), roof),
        ),
        outputTokens: 40,
      });
    const ceiling = 1 / deviceSeconds(inferenceFlops(n, 440), roof);
    const b = l4.latency.concurrency!;
    // The smallest batch that reaches the compute ceiling.
    expect(b / service(b)).toBeGreaterThanOrEqual(ceiling * (1 - 1e-9));
    if (b > 1) expect((b - 1) / service(b - 1)).toBeLessThan(ceiling);
    const throughput = Math.min(b / service(b), ceiling);
    const replicas = replicasNeeded({
      peakRequestsPerSecond: PEAK,
      requestsPerSecondPerReplica: throughput,
      targetUtilization: TARGET,
    });
    expect(l4.cost.replicas).toBe(replicas);
    expectClose(l4.latency.ttftSeconds.value!, ttft);
    expectClose(l4.latency.endToEndSeconds.value!, service(b));
    const q = mmcLatency({ arrivalRatePerSecond: PEAK, serviceRatePerSecond: throughput / b, servers: replicas * b });
    expectClose(l4.latency.p95Seconds.value!, q.p95Seconds);
    expectClose(l4.latency.p99Seconds.value!, q.p99Seconds);
    // The most recent catalogue L4 price: GCP Cloud Run, USD 0.67 per GPU-hour (2026-04).
    expectClose(l4.cost.monthlyUsd.value!, selfHostedMonthlyUsd({ replicas, usdPerGpuHour: 0.67 }));
    expect(l4.cost.monthlyUsd.source).toContain('gcp-cloud-run-l4');
    const kv = b * kvCacheBytes(model.architecture, { contextTokens: 980 });
    const fit = memoryFit({ memoryBytes: 24e9, weightBytes: w, kvBytes: kv, runtimeOverheadBytes: OVERHEAD * w });
    expect(l4.memory.kvCacheBytes.value).toBe(kv);
    expectClose(l4.memory.totalBytes.value!, fit.requiredBytes);
    expect(l4.memory.verdict).toBe('PASS');
  });

  it('frontier API from the catalogue', () => {
    const perRequest = costPerRequestUsd({
      inputTokens: 400,
      outputTokens: 40,
      inputUsdPerMillion: 2.5,
      outputUsdPerMillion: 10,
    });
    expectClose(api.cost.perRequestUsd.value!, perRequest);
    expectClose(api.cost.monthlyUsd.value!, perRequest * 3e6);
    const rows = monthlyProjection({
      requestsPerMonth: 3e6,
      growthPerMonth: 0.05,
      months: 12,
      costPerRequestUsd: perRequest,
    });
    expect(api.cost.projection).toEqual(rows);
    expectClose(api.cost.twelveMonthUsd.value!, rows[11]!.cumulativeUsd);
    expect(api.cost.perRequestUsd.source).toContain('as of 2026-03');
    const e2e = endToEndLatencySeconds({ ttftSeconds: 0.5, tpotSeconds: 1 / 80, outputTokens: 40 });
    expectClose(api.latency.endToEndSeconds.value!, e2e);
    expectClose(api.latency.p95Seconds.value!, noQueueTail(e2e, 0.95));
    expect(api.memory).toMatchObject({ verdict: 'PASS', totalBytes: { value: 0 } });
    expect(api.memory.reason).toBe("Runs on the provider's hardware: it takes none of your memory.");
    expect(api.control).toMatchObject({ runsIn: 'THIRD_PARTY', jurisdiction: 'US', verdict: 'FAIL' });
  });

  it('cascade of the phone SLM and the API, 10 % escalated', () => {
    expectClose(
      cascade.cost.perRequestUsd.value!,
      cascadeCostPerRequestUsd({
        smallUsdPerRequest: phone.cost.perRequestUsd.value!,
        largeUsdPerRequest: api.cost.perRequestUsd.value!,
        escalationRate: 0.1,
      }),
    );
    expectClose(cascade.cost.monthlyUsd.value!, 200 + 0.1 * api.cost.monthlyUsd.value!);
    expectClose(cascade.cost.projection[11]!.totalUsd, 200 + 0.1 * api.cost.projection[11]!.totalUsd);
    const tail = (e: CandidateEvaluation) => ({
      p95Seconds: e.latency.p95Seconds.value!,
      p99Seconds: e.latency.p99Seconds.value!,
    });
    for (const [quantile, figure] of [
      [0.5, cascade.latency.p50Seconds],
      [0.95, cascade.latency.p95Seconds],
      [0.99, cascade.latency.p99Seconds],
    ] as const) {
      expect(figure.value).toBe(
        cascadeLatencyQuantileSeconds({ small: tail(phone), large: tail(api), escalationRate: 0.1, quantile }),
      );
    }
    expectClose(
      cascade.latency.endToEndSeconds.value!,
      phone.latency.endToEndSeconds.value! + 0.1 * api.latency.endToEndSeconds.value!,
    );
    expect(cascade.memory.totalBytes).toEqual(phone.memory.totalBytes);
    expect(cascade.control.verdict).toBe('FAIL');
    expect(cascade.control.reason).toBe(
      "10% of requests (the escalated ones) go to GPT-4o (OpenAI): GPT-4o (OpenAI) runs on a third party's machines in US; the task allows any location and data in EU: US is not allowed.",
    );
    expect(cascade).toMatchObject({ kind: 'CASCADE', deployment: null, escalationRate: 0.1 });
  });

  it('every default is listed as an assumption', () => {
    expect(l4.assumptions.join('\n')).toMatch(/Peak arrival rate 2×/);
    for (const needle of [
      'MFU 40%',
      'MBU 70%',
      'Runtime memory 20%',
      'Concurrency',
      'at most 70% busy',
      'GPU price',
      'KV cache at BF16',
    ])
      expect(
        l4.assumptions.some((a) => a.includes(needle)),
        needle,
      ).toBe(true);
    expect(
      evaluate(l4Spec, 'SLM', receipts, { peakToMeanRatio: 3 }).assumptions.some((a) => a.includes('Peak arrival')),
    ).toBe(false);
    expect(cascade.assumptions.some((a) => a.startsWith('Small model: '))).toBe(true);
    expect(cascade.assumptions.some((a) => a.startsWith('Large model: '))).toBe(true);
  });

  it('prints the figures the report quotes', () => {
    const rows = { classifier, phone, l4, api, cascade };
    const summary = Object.fromEntries(
      Object.entries(rows).map(([name, e]) => [
        name,
        {
          perRequest: e.cost.perRequestUsd.value,
          monthly: e.cost.monthlyUsd.value,
          twelveMonths: e.cost.twelveMonthUsd.value,
          replicas: e.cost.replicas,
          e2e: e.latency.endToEndSeconds.value,
          p95: e.latency.p95Seconds.value,
          p99: e.latency.p99Seconds.value,
          memory: e.memory.totalBytes.value,
          verdicts: [e.cost.verdict, e.latency.verdict, e.memory.verdict, e.control.verdict, e.quality.verdict].join(
            ' ',
          ),
        },
      ]),
    );
    expect(Object.keys(summary)).toHaveLength(5);
  });
});

describe('measured figures replace estimates', () => {
  it('measured latency replaces the percentiles and keeps the estimated TTFT', () => {
    const measured = {
      latency: {
        p50Seconds: 0.9,
        p95Seconds: 1.6,
        p99Seconds: 2.4,
        samples: 2000,
        source: 'receipts-load-test-2026-05',
      },
    };
    const e = evaluate(l4Spec, 'SLM', receipts, { measured });
    expect(e.latency.p95Seconds).toEqual({
      value: 1.6,
      unit: 'seconds',
      basis: 'measured',
      source: 'receipts-load-test-2026-05 (2,000 samples)',
    });
    expect(e.latency.ttftSeconds.basis).toBe('estimated');
    expect(e.latency).toMatchObject({ verdict: 'PASS' });
    expect(e.latency.reason).toBe('p95 1.6 s and p99 2.4 s (measured) are within the 4 s p95 and 8 s p99 budgets.');
  });

  it('measured latency makes an API without provider figures known', () => {
    const e = evaluate({ deployment: 'API', priceId: 'openai-gpt-4o-mini' }, 'FRONTIER_API', receipts, {
      measured: { latency: { p50Seconds: 1, p95Seconds: 5, p99Seconds: 9, samples: 50, source: 'eval run' } },
    });
    expect(e.latency.verdict).toBe('FAIL');
    expect(e.latency.reason).toBe('P95 5 s exceeds the 4 s budget; p99 9 s exceeds the 8 s budget (measured).');
  });

  it.each([
    [0.96, true, 'PASS', 'Measured 0.96 (receipts-eval, 500 samples) meets the bar of 0.95 (higher is better).'],
    [0.94, true, 'FAIL', 'Measured 0.94 (receipts-eval, 500 samples) misses the bar of 0.95 (higher is better).'],
    [0.04, false, 'PASS', 'Measured 0.04 (receipts-eval, 500 samples) meets the bar of 0.05 (lower is better).'],
    [0.06, false, 'FAIL', 'Measured 0.06 (receipts-eval, 500 samples) misses the bar of 0.05 (lower is better).'],
  ] as const)('quality %s (higher better: %s) → %s', (value, higher, verdict, reason) => {
    const task = { ...receipts, qualityHigherBetter: higher, qualityBar: higher ? 0.95 : 0.05 };
    const e = evaluate(phoneSpec, 'SLM', task, {
      measured: { quality: { value, source: 'receipts-eval', sampleSize: 500 } },
    });
    expect(e.quality).toMatchObject({ verdict, reason, value: { value, basis: 'measured' } });
  });

  it('quality is never estimated', () => {
    expect(l4.quality).toMatchObject({ verdict: 'UNKNOWN', value: { value: null, basis: 'unknown' } });
    expect(l4.quality.reason).toContain('import an eval run');
  });

  it('a cascade takes its own measured figures', () => {
    const e = evaluateCascade({
      task: receipts,
      small: phone,
      large: api,
      escalationRate: 0.1,
      measured: {
        quality: { value: 0.97, source: 'cascade eval' },
        latency: { p50Seconds: 2, p95Seconds: 3, p99Seconds: 7, samples: 300, source: 'cascade run' },
      },
    });
    expect(e.quality.verdict).toBe('PASS');
    expect(e.latency).toMatchObject({ verdict: 'PASS', p99Seconds: { value: 7, basis: 'measured' } });
  });
});

describe('cost verdicts', () => {
  it.each([
    [{ monthlyBudgetUsd: 20_000 }, 'PASS', 'USD 4,200 a month is within the USD 20,000 budget.'],
    [{ monthlyBudgetUsd: 3000 }, 'FAIL', 'USD 4,200 a month exceeds the USD 3,000 budget.'],
    [{ monthlyBudgetUsd: null }, 'UNKNOWN', 'USD 4,200 a month; the task has no monthly budget to check it against.'],
    [
      { monthlyBudgetUsd: 5000 },
      'PASS',
      'USD 4,200 a month is within the USD 5,000 budget. At 5% growth a month it passes the budget in month 5 (USD 5,105).',
    ],
  ] as const)('%o → %s', (change, verdict, reason) => {
    const e = evaluate(apiSpec, 'FRONTIER_API', { ...receipts, ...change });
    expect(e.cost.monthlyUsd.value).toBeCloseTo(4200, 9);
    expect(e.cost).toMatchObject({ verdict, reason });
  });

  it('negotiated prices override the catalogue, and a per-request fee is added', () => {
    const e = evaluate({ ...apiSpec, usdPerMillionOutputTokens: 5, usdPerRequest: 0.001 }, 'FRONTIER_API');
    expectClose(e.cost.perRequestUsd.value!, (400 * 2.5 + 40 * 5) / 1e6 + 0.001);
    expect(e.cost.perRequestUsd.source).toContain('output price entered');
  });

  it('is unknown without prices, and says what to enter', () => {
    const e = evaluate({ deployment: 'API', usdPerMillionInputTokens: 1 }, 'FRONTIER_API');
    expect(e.cost).toMatchObject({ verdict: 'UNKNOWN', projection: [], monthlyUsd: { value: null, basis: 'unknown' } });
    expect(e.cost.reason).toContain('enter the provider');
    expect(e.label).toBe('API (entered prices)');
  });

  it('self-hosted on a GPU the catalogue has no price for needs usdPerHour', () => {
    const spec = { ...l4Spec, hardware: { gpu: { deviceId: 'rtx-4090' as const } } };
    expect(evaluate(spec, 'SLM').cost).toMatchObject({ verdict: 'UNKNOWN', monthlyUsd: { value: null } });
    const priced = evaluate({ ...spec, hardware: { gpu: { deviceId: 'rtx-4090', usdPerHour: 0.5 } } }, 'SLM');
    expectClose(priced.cost.monthlyUsd.value!, priced.cost.replicas! * 0.5 * 730);
  });

  it('a chosen catalogue price is used, at the middle of its range', () => {
    const e = evaluate({ ...l4Spec, hardware: { gpu: { deviceId: 'l4', gpuPriceId: 'gcp-g2-l4' } } }, 'SLM');
    expectClose(e.cost.monthlyUsd.value!, e.cost.replicas! * 0.75 * 730);
  });

  it('self-hosted replicas are recomputed each projected month as the volume grows', () => {
    const task = { ...receipts, monthlyGrowth: 0.5 };
    const e = evaluate(l4Spec, 'SLM', task);
    const replicasByMonth = e.cost.projection.map((row) => Math.round(row.totalUsd / (0.67 * 730)));
    expect(replicasByMonth[0]).toBe(e.cost.replicas);
    expect(replicasByMonth[11]!).toBeGreaterThan(replicasByMonth[0]!);
    expect([...replicasByMonth].sort((a, b) => a - b)).toEqual(replicasByMonth);
    expect(e.cost.projection).toHaveLength(PROJECTION_MONTHS);
  });

  it('fixed replicas and fixed vCPUs cost the same every month', () => {
    const gpu = evaluate({ ...l4Spec, replicas: 3 }, 'SLM', { ...receipts, monthlyGrowth: 0.5 });
    expectClose(gpu.cost.monthlyUsd.value!, 3 * 0.67 * 730);
    expect(gpu.cost.projection.every((row) => row.totalUsd === gpu.cost.monthlyUsd.value)).toBe(true);
    const cpu = evaluate({ ...classifierSpec, replicas: 4 }, 'CLASSIFIER');
    expectClose(cpu.cost.monthlyUsd.value!, 4 * 0.04 * 730);
    expectClose(cpu.cost.perRequestUsd.value!, (4 * 0.04 * 730) / 3e6);
  });

  it('a device without peak compute leaves replicas and cost unknown unless replicas are fixed', () => {
    const spec = { ...l4Spec, hardware: { gpu: { deviceId: 'a10g' as const, usdPerHour: 1 } } };
    const e = evaluate(spec, 'SLM');
    expect(e.cost.verdict).toBe('UNKNOWN');
    expect(e.cost.reason).toContain('enter peakFlops');
    expect(e.latency.verdict).toBe('UNKNOWN');
    expect(evaluate({ ...spec, replicas: 2 }, 'SLM').cost.monthlyUsd.value).toBe(1460);
    const withPeak = evaluate(
      { ...spec, hardware: { gpu: { deviceId: 'a10g', usdPerHour: 1, peakFlops: 125e12 } } },
      'SLM',
    );
    expect(withPeak.latency.endToEndSeconds.basis).toBe('estimated');
  });

  it('no requests: the month costs the fixed part and the cost per request is unknown', () => {
    const e = evaluate(phoneSpec, 'SLM', { ...receipts, monthlyRequests: 0 });
    expect(e.cost.monthlyUsd.value).toBe(200);
    expect(e.cost.perRequestUsd.value).toBeNull();
  });
});

describe('latency verdicts', () => {
  const measuredAt = (p95: number, p99: number) => ({
    measured: { latency: { p50Seconds: p95 / 2, p95Seconds: p95, p99Seconds: p99, samples: 100, source: 'run' } },
  });
  it.each([
    [3, 7, {}, 'PASS'],
    [5, 7, {}, 'FAIL'],
    [3, 9, {}, 'FAIL'],
    [3, 7, { streaming: true, ttftSeconds: 0.1 }, 'FAIL'],
    [3, 7, { streaming: true, ttftSeconds: 1 }, 'PASS'],
    [3, 7, { streaming: false, ttftSeconds: 0.1 }, 'PASS'],
  ] as const)('measured p95 %s, p99 %s with %o → %s', (p95, p99, change, verdict) => {
    expect(evaluate(apiSpec, 'FRONTIER_API', { ...receipts, ...change }, measuredAt(p95, p99)).latency.verdict).toBe(
      verdict,
    );
  });

  it('an API without provider latency is unknown, and says what to enter', () => {
    const e = evaluate({ deployment: 'API', priceId: 'openai-gpt-4o' }, 'FRONTIER_API');
    expect(e.latency).toMatchObject({ verdict: 'UNKNOWN', p95Seconds: { value: null, basis: 'unknown' } });
    expect(e.latency.reason).toBe(
      "Latency unknown: enter the provider's TTFT and tokens/s or import measured latency.",
    );
  });

  it('a TTFT budget with an unknown TTFT is unknown (a generative model on CPU)', () => {
    const spec = { ...classifierSpec, model: { catalogId: 'qwen3-0.6b' as const }, format: 'q8_0' as const };
    const e = evaluate(spec, 'SLM', { ...receipts, streaming: true, ttftSeconds: 1 });
    expect(e.latency.ttftSeconds.value).toBeNull();
    expect(e.latency.verdict).toBe('UNKNOWN');
    expect(e.latency.reason).toContain('time to first token is unknown');
  });

  it('too few fixed replicas: the queue is unbounded and the verdict fails with the capacity', () => {
    const e = evaluate({ ...l4Spec, replicas: 1, maxConcurrency: 1 }, 'SLM', { ...receipts, monthlyRequests: 30e6 });
    expect(e.latency).toMatchObject({ stable: false, verdict: 'FAIL', p95Seconds: { value: null } });
    expect(e.latency.reason).toMatch(/queue grows without bound: 1 replica serve at most/);
    expect(radarScores(e, receipts).latency).toBe(RADAR_SCORE_CAP);
  });

  it('a phone without a catalogue peak (mid-tier Android) needs peakFlops', () => {
    const spec = { ...phoneSpec, deviceId: 'mid-tier-android' as const };
    const e = evaluate(spec, 'SLM');
    expect(e.latency.verdict).toBe('UNKNOWN');
    expect(e.latency.reason).toContain('Mid-tier Android');
    expect(evaluate({ ...spec, peakFlops: 10e12 }, 'SLM').latency.endToEndSeconds.value).toBeGreaterThan(0);
    expect(e.assumptions.some((a) => a.includes('Mid-tier Android memory bandwidth is derived'))).toBe(true);
  });

  it('an explicit concurrency is used as the batch', () => {
    const e = evaluate({ ...l4Spec, maxConcurrency: 32 }, 'SLM');
    expect(e.latency.concurrency).toBe(32);
    expect(e.latency.endToEndSeconds.value!).toBeGreaterThan(l4.latency.endToEndSeconds.value!);
    expect(e.assumptions.some((a) => a.startsWith('Concurrency'))).toBe(false);
  });

  it('a non-generative model answers in one forward pass: TTFT is the whole answer', () => {
    const e = evaluate({ ...l4Spec, model: { catalogId: 'bge-reranker-base' }, format: 'f16' }, 'RERANKER');
    expect(e.latency.ttftSeconds.value).toBe(e.latency.endToEndSeconds.value);
    expect(e.memory.kvCacheBytes.value).toBe(0);
  });
});

describe('memory verdicts', () => {
  it('a 70 B model at FP16 does not fit one L4', () => {
    const e = evaluate({ ...l4Spec, model: { catalogId: 'llama-3.1-70b' }, format: 'f16' }, 'SLM');
    expect(e.memory.verdict).toBe('FAIL');
    expect(e.memory.reason).toMatch(
      /^Needs .* GB, more than NVIDIA L4 24GB \(21.6 GB usable after 10% headroom\) holds\.$/,
    );
  });

  it('checks the task target device and memory budget too', () => {
    const e = evaluate(l4Spec, 'SLM', { ...receipts, targetDeviceId: 'mid-tier-android', memoryBudgetBytes: 4e9 });
    expect(e.memory.checks.map((c) => [c.against, c.fits])).toEqual([
      ['NVIDIA L4 24GB', true],
      ["Mid-tier Android (e.g. Snapdragon 7s Gen 3 / 7 Gen 3, Dimensity 7300) (the task's target device)", false],
      ["the task's memory budget", false],
    ]);
    expect(e.memory.checks[2]!.usableBytes).toBe(4e9);
    expect(e.memory.verdict).toBe('FAIL');
  });

  it('a custom decoder without architecture: KV unknown, then FAIL only if the rest already does not fit', () => {
    const custom = (params: number) => ({ ...phoneSpec, model: { custom: { name: 'in-house 3B', params } } });
    const fits = evaluate(custom(3e9), 'SLM');
    expect(fits.memory).toMatchObject({
      verdict: 'UNKNOWN',
      kvCacheBytes: { value: null },
      totalBytes: { value: null },
    });
    expect(fits.memory.reason).toContain('enter the model’s attention architecture');
    expect(fits.memory.checks[0]!.fits).toBeNull();
    expect(evaluate(custom(30e9), 'SLM').memory.verdict).toBe('FAIL');
    const withArchitecture = evaluate(
      {
        ...phoneSpec,
        model: {
          custom: {
            name: 'in-house 3B',
            params: 3e9,
            architecture: { layers: 28, heads: 24, kvHeads: 8, headDim: 128 },
          },
        },
      },
      'SLM',
    );
    expect(withArchitecture.memory.verdict).toBe('PASS');
  });

  it('on CPU with no target or budget there is nothing to check against', () => {
    expect(classifier.memory.verdict).toBe('UNKNOWN');
    expect(evaluate(classifierSpec, 'CLASSIFIER', { ...receipts, memoryBudgetBytes: 1e9 }).memory.verdict).toBe('PASS');
  });

  it('an FP8 KV cache halves the KV bytes', () => {
    const e = evaluate({ ...l4Spec, kvFormat: 'fp8', maxConcurrency: 8 }, 'SLM');
    const bf16 = evaluate({ ...l4Spec, maxConcurrency: 8 }, 'SLM');
    expect(e.memory.kvCacheBytes.value! * 2).toBe(bf16.memory.kvCacheBytes.value);
  });
});

describe('control and locality', () => {
  const allowed: Record<string, readonly string[]> = {
    THIRD_PARTY: ['ANY'],
    OWN_CLOUD: ['ANY', 'OWN_CLOUD'],
    ON_PREM: ['ANY', 'OWN_CLOUD', 'ON_PREM'],
    ON_DEVICE: ['ANY', 'OWN_CLOUD', 'ON_PREM', 'ON_DEVICE'],
  };
  it.each(runsInKinds.flatMap((where) => taskLocalities.map((need) => [where, need] as const)))(
    '%s satisfies %s?',
    (where, need) => {
      expect(localitySatisfies(where, need)).toBe(allowed[where]!.includes(need));
    },
  );

  it.each([
    [apiSpec, { locality: 'ANY', jurisdictions: [] }, 'PASS'],
    [apiSpec, { locality: 'ANY', jurisdictions: ['EU'] }, 'FAIL'],
    [apiSpec, { locality: 'ANY', jurisdictions: ['US', 'EU'] }, 'PASS'],
    [apiSpec, { locality: 'OWN_CLOUD', jurisdictions: [] }, 'FAIL'],
    [{ ...apiSpec, jurisdiction: undefined }, { locality: 'ANY', jurisdictions: ['EU'] }, 'UNKNOWN'],
    [{ ...apiSpec, jurisdiction: undefined }, { locality: 'ANY', jurisdictions: [] }, 'PASS'],
    [{ ...apiSpec, jurisdiction: 'EU' }, { locality: 'ANY', jurisdictions: ['EEA'] }, 'PASS'],
    [{ ...apiSpec, jurisdiction: 'EEA' }, { locality: 'ANY', jurisdictions: ['EU'] }, 'FAIL'],
    [l4Spec, { locality: 'ON_PREM', jurisdictions: [] }, 'FAIL'],
    [{ ...l4Spec, runsIn: 'ON_PREM' }, { locality: 'ON_PREM', jurisdictions: ['EU'] }, 'PASS'],
    [phoneSpec, { locality: 'ON_DEVICE', jurisdictions: ['EU'] }, 'PASS'],
  ] as const)('%o under %o → %s', (spec, change, verdict) => {
    const e = evaluate(spec as CandidateSpec, 'SLM', { ...receipts, ...change });
    expect(e.control.verdict).toBe(verdict);
  });

  it('the reason names where it runs and what the task requires', () => {
    const e = evaluate(apiSpec, 'FRONTIER_API', { ...receipts, locality: 'OWN_CLOUD' });
    expect(e.control.reason).toBe(
      "GPT-4o (OpenAI) runs on a third party's machines in US; the task requires your own cloud account or stricter and data in EU.",
    );
    const unknown = evaluate({ ...apiSpec, jurisdiction: undefined }, 'FRONTIER_API');
    expect(unknown.control.reason).toContain('enter where it processes the data');
  });
});

describe('cascades', () => {
  const euApi = evaluate({ ...apiSpec, jurisdiction: 'EU' }, 'FRONTIER_API');
  const noLatencyApi = evaluate({ deployment: 'API', priceId: 'openai-gpt-4o', jurisdiction: 'EU' }, 'FRONTIER_API');

  it.each([
    ['both pass', phone, euApi, 0.1, 'PASS', /^Both parts run where the task allows\./],
    ['the large fails', phone, api, 0.1, 'FAIL', /^10% of requests \(the escalated ones\) go to GPT-4o/],
    ['the large fails but nothing escalates', phone, api, 0, 'PASS', /^Both parts/],
    ['the small fails', api, phone, 0.1, 'FAIL', /^Every request goes to GPT-4o \(OpenAI\): /],
    [
      'the large is unknown',
      phone,
      evaluate({ ...apiSpec, jurisdiction: undefined }, 'FRONTIER_API'),
      0.2,
      'UNKNOWN',
      /^20% of requests \(the escalated ones\)/,
    ],
  ] as const)('control: %s → %s', (_label, small, large, escalationRate, verdict, reason) => {
    const e = evaluateCascade({ task: receipts, small, large, escalationRate });
    expect(e.control.verdict).toBe(verdict);
    expect(e.control.reason).toMatch(reason);
  });

  it('runs where its least controlled part runs', () => {
    expect(evaluateCascade({ task: receipts, small: phone, large: euApi, escalationRate: 0.1 }).control.runsIn).toBe(
      'THIRD_PARTY',
    );
  });

  it('two models on the same device add their footprints', () => {
    const small = evaluate({ ...phoneSpec, model: { catalogId: 'qwen3-0.6b' } }, 'SLM');
    const e = evaluateCascade({ task: receipts, small, large: phone, escalationRate: 0.2 });
    expect(e.memory.totalBytes.value).toBe(small.memory.totalBytes.value! + phone.memory.totalBytes.value!);
    expect(e.memory.deviceId).toBe('apple-a17-pro');
    expect(e.assumptions).toContain(
      'Cascade memory: both models run on the same device and stay resident, so their footprints add.',
    );
  });

  it('a large model that does not fit its own hardware fails the cascade', () => {
    const big = evaluate({ ...l4Spec, model: { catalogId: 'llama-3.1-70b' }, format: 'f16' }, 'SLM');
    const e = evaluateCascade({ task: receipts, small: phone, large: big, escalationRate: 0.1 });
    expect(e.memory.verdict).toBe('FAIL');
    expect(e.memory.reason).toMatch(/^The large model does not fit its own hardware/);
  });

  it('latency is unknown when a part is', () => {
    const e = evaluateCascade({ task: receipts, small: phone, large: noLatencyApi, escalationRate: 0.1 });
    expect(e.latency.verdict).toBe('UNKNOWN');
    expect(e.latency.reason).toContain("The large model's latency is unknown");
  });

  it('escalating nothing or everything gives the small path or the sum', () => {
    const tail = { p95Seconds: 3, p99Seconds: 4.6 };
    expect(cascadeLatencyQuantileSeconds({ small: tail, large: tail, escalationRate: 0, quantile: 0.95 })).toBeCloseTo(
      3,
      9,
    );
    // A constant small path (p95 = p99 = 1 s) plus an exponential large one (mean 1 s).
    const constant = { p95Seconds: 1, p99Seconds: 1 };
    const exp = { p95Seconds: Math.log(20), p99Seconds: Math.log(100) };
    expect(
      cascadeLatencyQuantileSeconds({ small: constant, large: exp, escalationRate: 1, quantile: 0.99 }),
    ).toBeCloseTo(1 + Math.log(100), 9);
    expect(
      cascadeLatencyQuantileSeconds({ small: constant, large: exp, escalationRate: 0.5, quantile: 0.2 }),
    ).toBeCloseTo(1, 12);
  });
});

describe('the cascade latency approximation against a brute-force numerical mixture', () => {
  type Survival = (t: number) => number;
  const quantileOf = (s: Survival, q: number) => {
    let lo = 0;
    let hi = 1;
    while (s(hi) > 1 - q) hi *= 2;
    for (let i = 0; i < 200; i += 1) {
      const mid = (lo + hi) / 2;
      if (s(mid) > 1 - q) lo = mid;
      else hi = mid;
    }
    return hi;
  };
  /** M/M/c response time (as in queueing.ts), θ ≠ μ. */
  const mmc = (lambda: number, mu: number, c: number): Survival => {
    const C = erlangC({ arrivalRatePerSecond: lambda, serviceRatePerSecond: mu, servers: c });
    const theta = c * mu - lambda;
    return (t) =>
      t <= 0 ? 1 : Math.exp(-mu * t) + (C * mu * (Math.exp(-mu * t) - Math.exp(-theta * t))) / (theta - mu);
  };
  const exponential =
    (mean: number): Survival =>
    (t) =>
      t <= 0 ? 1 : Math.exp(-t / mean);
  /** Erlang-k (gamma with integer shape): service times that vary little. */
  const erlang =
    (k: number, mean: number): Survival =>
    (t) => {
      if (t <= 0) return 1;
      const rate = k / mean;
      let term = 1;
      let sum = 1;
      for (let i = 1; i < k; i += 1) {
        term *= (rate * t) / i;
        sum += term;
      }
      return Math.exp(-rate * t) * sum;
    };
  /** Log-normal, a common shape for measured latencies (erfc by Abramowitz–Stegun 7.1.26). */
  const logNormal =
    (median: number, sigma: number): Survival =>
    (t) => {
      if (t <= 0) return 1;
      const x = Math.log(t / median) / (sigma * Math.SQRT2);
      const u = 1 / (1 + 0.3275911 * Math.abs(x));
      const poly = ((((1.061405429 * u - 1.453152027) * u + 1.421413741) * u - 0.284496736) * u + 0.254829592) * u;
      const erfc = poly * Math.exp(-x * x);
      return x >= 0 ? erfc / 2 : 1 - erfc / 2;
    };

  /** Quantiles of (1 − r)·S + r·(S + L) by discretising both densities and convolving them. */
  function bruteForce(small: Survival, large: Survival, tMax: number) {
    const n = 3000;
    const dt = tMax / n;
    const ps = new Float64Array(n);
    const pl = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      ps[i] = small(i * dt) - small((i + 1) * dt);
      pl[i] = large(i * dt) - large((i + 1) * dt);
    }
    const sum = new Float64Array(2 * n + 1);
    for (let i = 0; i < n; i += 1) {
      const a = ps[i]!;
      if (a === 0) continue;
      for (let j = 0; j < n; j += 1) sum[i + j + 1]! += a * pl[j]!;
    }
    const tail = new Float64Array(sum.length + 1);
    for (let m = sum.length - 1; m >= 0; m -= 1) tail[m] = tail[m + 1]! + sum[m]!;
    return (r: number, q: number) => {
      let k = 0;
      while ((1 - r) * small(k * dt) + r * tail[k]! > 1 - q) k += 1;
      return k * dt;
    };
  }

  it.each([
    ['exponential paths', exponential(1), exponential(2), 0.01],
    ['M/M/c paths (phone-like, no wait; GPU-like, busy)', mmc(0.6, 1 / 2.2, 2), mmc(12, 1 / 0.8, 12), 0.04],
    ['log-normal paths (measured)', logNormal(1.2, 0.5), logNormal(2.5, 0.4), 0.04],
    ['Erlang-4 paths (little variation)', erlang(4, 3), erlang(4, 1.5), 0.05],
  ] as const)('%s: p95 and p99 within %s', (_label, small, large, tolerance) => {
    const tailOf = (s: Survival) => ({ p95Seconds: quantileOf(s, 0.95), p99Seconds: quantileOf(s, 0.99) });
    const ts = tailOf(small);
    const tl = tailOf(large);
    const exact = bruteForce(small, large, 3 * (ts.p99Seconds + tl.p99Seconds));
    for (const r of [0.02, 0.1, 0.3, 0.8]) {
      for (const q of [0.95, 0.99]) {
        const approx = cascadeLatencyQuantileSeconds({ small: ts, large: tl, escalationRate: r, quantile: q });
        const truth = exact(r, q);
        expect(Math.abs(approx - truth) / truth, `r = ${r}, q = ${q}: ${approx} vs ${truth}`).toBeLessThanOrEqual(
          tolerance,
        );
      }
      // The median is rougher: the fit targets the tail, and errs on the slow side here.
      const approx = cascadeLatencyQuantileSeconds({ small: ts, large: tl, escalationRate: r, quantile: 0.5 });
      const truth = exact(r, 0.5);
      expect(Math.abs(approx - truth) / truth).toBeLessThanOrEqual(0.3);
    }
  });
});

describe('radar scores', () => {
  it('normalise each axis to its budget', () => {
    const task = { ...receipts, targetDeviceId: 'apple-a17-pro' as const };
    const r = radarScores(phone, task);
    expect(r.cost).toBeCloseTo(200 / 5000, 12);
    const latency = Math.max(phone.latency.p95Seconds.value! / 4, phone.latency.p99Seconds.value! / 8);
    expectClose(r.latency!, Math.min(RADAR_SCORE_CAP, latency));
    expectClose(r.memory!, phone.memory.totalBytes.value! / (8e9 * (1 - HEADROOM)));
    expect(r.control).toBe(0.25);
  });

  const apiOn = (spec: CandidateSpec) => (task: TaskBudgets) => evaluate(spec, 'FRONTIER_API', task);
  it.each([
    ['no budget', apiOn(apiSpec), { ...receipts, monthlyBudgetUsd: null }, { cost: null, control: RADAR_SCORE_CAP }],
    [
      'over budget, capped',
      apiOn(apiSpec),
      { ...receipts, jurisdictions: [], monthlyBudgetUsd: 1000 },
      { cost: RADAR_SCORE_CAP, control: 1, memory: null },
    ],
    [
      'a third party for an on-device task',
      apiOn(apiSpec),
      { ...receipts, jurisdictions: [], locality: 'ON_DEVICE' as const },
      { control: RADAR_SCORE_CAP },
    ],
    [
      'own cloud for an own-cloud task',
      (task: TaskBudgets) => evaluate(l4Spec, 'SLM', task),
      { ...receipts, locality: 'OWN_CLOUD' as const },
      { control: 1 },
    ],
    [
      'a zero budget',
      (task: TaskBudgets) => evaluate(classifierSpec, 'CLASSIFIER', task),
      { ...receipts, monthlyBudgetUsd: 0 },
      { cost: RADAR_SCORE_CAP },
    ],
    [
      'jurisdiction unknown',
      apiOn({ ...apiSpec, jurisdiction: undefined } as CandidateSpec),
      receipts,
      { control: null },
    ],
    ['latency unknown', apiOn({ deployment: 'API', priceId: 'openai-gpt-4o' }), receipts, { latency: null }],
  ])('%s', (_label, build, task, expected) => {
    expect(radarScores(build(task), task)).toMatchObject(expected);
  });

  it('scores a cascade', () => {
    expect(radarScores(cascade, receipts).control).toBe(RADAR_SCORE_CAP);
  });
});

describe('dominated candidates', () => {
  it.each([
    [
      true,
      [
        { id: 'api', quality: 0.97, monthlyUsd: 9150 },
        { id: 'slm', quality: 0.96, monthlyUsd: 800 },
        { id: 'big', quality: 0.95, monthlyUsd: 2000 },
        { id: 'tie', quality: 0.96, monthlyUsd: 800 },
        { id: 'unknown', quality: null, monthlyUsd: 10 },
      ],
      ['big'],
    ],
    [
      false,
      [
        { id: 'low-error', quality: 0.02, monthlyUsd: 500 },
        { id: 'high-error', quality: 0.05, monthlyUsd: 600 },
        { id: 'cheap', quality: 0.08, monthlyUsd: 100 },
      ],
      ['high-error'],
    ],
    [
      true,
      [
        { id: 'same-quality-dearer', quality: 0.9, monthlyUsd: 2 },
        { id: 'x', quality: 0.9, monthlyUsd: 1 },
      ],
      ['same-quality-dearer'],
    ],
    [true, [], []],
  ] as const)('higher is better: %s', (qualityHigherBetter, points, expected) => {
    expect(dominated({ points, qualityHigherBetter })).toEqual(expected);
  });
});

describe('bad input throws RangeError naming the argument', () => {
  const bad = <T>(value: unknown): T => value as T;
  it.each([
    ['task.monthlyRequests', () => evaluate(apiSpec, 'FRONTIER_API', { ...receipts, monthlyRequests: -1 })],
    ['task.inputTokensP95', () => evaluate(apiSpec, 'FRONTIER_API', { ...receipts, inputTokensP95: 10 })],
    ['task.latencyP99Seconds', () => evaluate(apiSpec, 'FRONTIER_API', { ...receipts, latencyP99Seconds: 1 })],
    ['task.targetDeviceId', () => evaluate(apiSpec, 'FRONTIER_API', { ...receipts, targetDeviceId: bad('tpu') })],
    ['task.jurisdictions[0]', () => evaluate(apiSpec, 'FRONTIER_API', { ...receipts, jurisdictions: [''] })],
    ['kind', () => evaluate(apiSpec, 'CASCADE')],
    ['spec.deployment', () => evaluate(bad({ deployment: 'CLOUD' }), 'SLM')],
    ['spec.priceId', () => evaluate({ deployment: 'API', priceId: bad('gpt-9') }, 'FRONTIER_API')],
    ['spec.model.catalogId', () => evaluate({ ...phoneSpec, model: { catalogId: 'bert-base-uncased' } }, 'SLM')],
    ['spec.model.custom.params', () => evaluate({ ...phoneSpec, model: { custom: { name: 'x', params: 0 } } }, 'SLM')],
    ['spec.format', () => evaluate({ ...phoneSpec, format: bad('q5') }, 'SLM')],
    ['spec.hardware', () => evaluate({ ...l4Spec, hardware: bad({ tpu: {} }) }, 'SLM')],
    ['spec.hardware.gpu.mfu', () => evaluate({ ...l4Spec, hardware: { gpu: { deviceId: 'l4', mfu: 1.5 } } }, 'SLM')],
    [
      'spec.hardware.gpu.gpuPriceId',
      () => evaluate({ ...l4Spec, hardware: { gpu: { deviceId: 'l4', gpuPriceId: 'runpod-h100' } } }, 'SLM'),
    ],
    [
      'spec.hardware.gpu.gpuPriceId',
      () => evaluate({ ...l4Spec, hardware: { gpu: { deviceId: 'h100-sxm', gpuPriceId: 'runpod-l4' } } }, 'SLM'),
    ],
    ['spec.replicas', () => evaluate({ ...l4Spec, replicas: 0 }, 'SLM')],
    ['spec.deviceId', () => evaluate({ ...phoneSpec, deviceId: bad('pixel') }, 'SLM')],
    [
      'measured.latency.p99Seconds',
      () =>
        evaluate(apiSpec, 'FRONTIER_API', receipts, {
          measured: { latency: { p50Seconds: 1, p95Seconds: 2, p99Seconds: 1, samples: 5, source: 'x' } },
        }),
    ],
    [
      'measured.quality.source',
      () => evaluate(apiSpec, 'FRONTIER_API', receipts, { measured: { quality: { value: 1, source: '' } } }),
    ],
    ['peakToMeanRatio', () => evaluate(apiSpec, 'FRONTIER_API', receipts, { peakToMeanRatio: 0.5 })],
    ['escalationRate', () => evaluateCascade({ task: receipts, small: phone, large: api, escalationRate: 1.5 })],
    ['small.kind', () => evaluateCascade({ task: receipts, small: cascade, large: api, escalationRate: 0.1 })],
  ])('%s', (argument, call) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(new RegExp(`^${argument.replace(/[.[\]]/g, '\\$&')} `));
  });
});

describe('properties', () => {
  const specs: readonly [string, CandidateSpec, EvaluateOptions['kind']][] = [
    ['api', apiSpec, 'FRONTIER_API'],
    ['gpu', l4Spec, 'SLM'],
    ['cpu', classifierSpec, 'CLASSIFIER'],
    ['device', phoneSpec, 'SLM'],
  ];
  const pick = fc.constantFrom(...specs);

  it('more volume never lowers the monthly cost', () => {
    fc.assert(
      fc.property(
        pick,
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        ([, spec, kind], a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const cost = (requests: number) =>
            evaluate(spec, kind, { ...receipts, monthlyRequests: requests }).cost.monthlyUsd.value!;
          expect(cost(hi)).toBeGreaterThanOrEqual(cost(lo));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a larger budget never turns PASS into FAIL', () => {
    const budgets = fc.record({
      monthlyBudgetUsd: fc.double({ min: 0, max: 1e5, noNaN: true }),
      latencyP95Seconds: fc.double({ min: 0.01, max: 60, noNaN: true }),
      extraP99: fc.double({ min: 0, max: 60, noNaN: true }),
      ttftSeconds: fc.double({ min: 0.01, max: 5, noNaN: true }),
      memoryBudgetBytes: fc.double({ min: 1e6, max: 1e11, noNaN: true }),
    });
    const grow = fc.double({ min: 1, max: 10, noNaN: true });
    fc.assert(
      fc.property(pick, budgets, grow, ([, spec, kind], b, k) => {
        const task = (scale: number): TaskBudgets => ({
          ...receipts,
          streaming: true,
          monthlyBudgetUsd: b.monthlyBudgetUsd * scale,
          latencyP95Seconds: b.latencyP95Seconds * scale,
          latencyP99Seconds: (b.latencyP95Seconds + b.extraP99) * scale,
          ttftSeconds: b.ttftSeconds * scale,
          memoryBudgetBytes: b.memoryBudgetBytes * scale,
        });
        const small = evaluate(spec, kind, task(1));
        const large = evaluate(spec, kind, task(k));
        for (const axis of ['cost', 'latency', 'memory'] as const) {
          if (small[axis].verdict === 'PASS') expect(large[axis].verdict, axis).not.toBe('FAIL');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic and serialises without loss (no NaN or Infinity)', () => {
    fc.assert(
      fc.property(
        pick,
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        ([, spec, kind], requests, growth) => {
          const task = { ...receipts, monthlyRequests: requests, monthlyGrowth: growth };
          const e = evaluate(spec, kind, task);
          expect(JSON.parse(JSON.stringify(e))).toEqual(e);
          expect(evaluate(spec, kind, task)).toEqual(e);
        },
      ),
      { numRuns: 100 },
    );
  });
});
