/**
 * The RangeError policy, export by export: bad input (negative, NaN, ±Infinity, wrong type,
 * unknown identifier) throws RangeError whose message starts with the argument's name.
 */
import { describe, expect, it } from 'vitest';
import * as core from './index.ts';
import type { AttentionArchitecture } from './architecture.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;
/** Passes a deliberately ill-typed value through the type checker. */
const bad = <T>(value: unknown): T => value as T;

const LLAMA: AttentionArchitecture = { layers: 32, heads: 32, kvHeads: 8, headDim: 128 };
const MMC = { arrivalRatePerSecond: 2, serviceRatePerSecond: 1, servers: 3 };
const DECODE = { weightBytes: 6e9, kvBytes: 0, bandwidthBytesPerSecond: 400e9, efficiency: 0.7 };
const PREFILL = { params: 3e9, promptTokens: 1000, peakFlops: 1e15, utilization: 0.4 };
const E2E = { ttftSeconds: 0.2, tpotSeconds: 0.02, outputTokens: 100 };
const API = { inputTokens: 1000, outputTokens: 200, inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 };
const REPLICAS = { peakRequestsPerSecond: 50, requestsPerSecondPerReplica: 8, targetUtilization: 0.7 };
const SELF = { replicas: 2, usdPerGpuHour: 2 };
const CPU = { requestsPerMonth: 1e6, vcpuSecondsPerRequest: 0.02, usdPerVcpuHour: 0.04 };
const DEVICE_COST = { requestsPerMonth: 1e6, fixedMonthlyUsd: 100 };
const CASCADE = { smallUsdPerRequest: 0.0001, largeUsdPerRequest: 0.01, escalationRate: 0.1 };
const PROJECTION = { requestsPerMonth: 1e6, growthPerMonth: 0.05, months: 12, costPerRequestUsd: 0.001 };
const CROSSOVER = { apiUsdPerRequest: 0.002, replicaMonthlyUsd: 1460, requestsPerMonthPerReplica: 3e6 };
const EXPLORE = { params: 3e9, servedTokens: 10e9, preset: 'lesson' } as const;
const FIT = { memoryBytes: 80e9, weightBytes: 35e9 };
const TASK: core.TaskBudgets = {
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
  jurisdictions: [],
  monthlyBudgetUsd: 5000,
  qualityBar: 0.95,
  qualityHigherBetter: true,
};
const API_SPEC: core.CandidateSpec = { deployment: 'API', priceId: 'openai-gpt-4o' };
const GPU_SPEC: core.CandidateSpec = {
  deployment: 'SELF_HOSTED',
  runsIn: 'OWN_CLOUD',
  model: { catalogId: 'llama-3.1-8b' },
  format: 'int4_awq',
  hardware: { gpu: { deviceId: 'l4' } },
};
const EVALUATION = core.evaluateCandidate({ task: TASK, kind: 'FRONTIER_API', spec: API_SPEC });
const evaluateWith = (change: Partial<core.EvaluateOptions>) =>
  core.evaluateCandidate({ task: TASK, kind: 'SLM', spec: GPU_SPEC, ...change });
const TAIL = { p95Seconds: 3, p99Seconds: 4.6 };
const MIXTURE = { small: TAIL, large: TAIL, escalationRate: 0.1, quantile: 0.95 };

type Case = readonly [label: string, call: () => unknown, argument: string];

/** Bad inputs for every exported function, keyed by export name. */
const cases: Record<string, readonly Case[]> = {
  trainingFlops: [
    ['negative params', () => core.trainingFlops(-1, 1e9), 'params'],
    ['zero params', () => core.trainingFlops(0, 1e9), 'params'],
    ['NaN tokens', () => core.trainingFlops(1e9, NAN), 'tokens'],
    ['infinite tokens', () => core.trainingFlops(1e9, INF), 'tokens'],
  ],
  inferenceFlops: [
    ['NaN params', () => core.inferenceFlops(NAN, 1e9), 'params'],
    ['negative tokens', () => core.inferenceFlops(1e9, -5), 'tokens'],
  ],
  chinchillaTokens: [
    ['negative params', () => core.chinchillaTokens(-3e9), 'params'],
    ['string params', () => core.chinchillaTokens(bad('3e9')), 'params'],
  ],
  lifetimeCompute: [
    ['missing options', () => core.lifetimeCompute(bad(undefined)), 'options'],
    ['negative params', () => core.lifetimeCompute({ params: -1, trainTokens: 1, servedTokens: 1 }), 'params'],
    ['NaN trainTokens', () => core.lifetimeCompute({ params: 1, trainTokens: NAN, servedTokens: 1 }), 'trainTokens'],
    [
      'infinite servedTokens',
      () => core.lifetimeCompute({ params: 1, trainTokens: 1, servedTokens: INF }),
      'servedTokens',
    ],
  ],
  inferenceShareAtScale: [
    [
      'negative served',
      () => core.inferenceShareAtScale({ params: 1e9, servedTokens: -1, tokensPerParam: 20 }),
      'servedTokens',
    ],
    [
      'zero tokensPerParam',
      () => core.inferenceShareAtScale({ params: 1e9, servedTokens: 1, tokensPerParam: 0 }),
      'tokensPerParam',
    ],
    ['NaN params', () => core.inferenceShareAtScale({ params: NAN, servedTokens: 1, tokensPerParam: 20 }), 'params'],
  ],
  deviceSeconds: [
    ['negative flops', () => core.deviceSeconds(-1, { peakFlops: 1e15, utilization: 1 }), 'flops'],
    ['zero peak', () => core.deviceSeconds(1, { peakFlops: 0, utilization: 1 }), 'peakFlops'],
    ['utilisation above 1', () => core.deviceSeconds(1, { peakFlops: 1e15, utilization: 1.2 }), 'utilization'],
    ['zero utilisation', () => core.deviceSeconds(1, { peakFlops: 1e15, utilization: 0 }), 'utilization'],
    ['NaN utilisation', () => core.deviceSeconds(1, { peakFlops: 1e15, utilization: NAN }), 'utilization'],
  ],
  chinchillaLoss: [
    ['zero tokens', () => core.chinchillaLoss(1e9, 0, 'epoch'), 'tokens'],
    ['negative params', () => core.chinchillaLoss(-1, 1e9, 'epoch'), 'params'],
    ['unknown fit', () => core.chinchillaLoss(1e9, 1e9, bad('kaplan')), 'fit'],
  ],
  computeOptimal: [
    ['zero flops', () => core.computeOptimal(0, 'hoffmann'), 'flops'],
    ['infinite flops', () => core.computeOptimal(INF, 'hoffmann'), 'flops'],
    ['unknown fit', () => core.computeOptimal(1e23, bad('chinchilla')), 'fit'],
  ],
  inferenceOptimal: [
    ['negative params', () => core.inferenceOptimal({ params: -1, servedTokens: 0, fit: 'epoch' }), 'params'],
    ['NaN served', () => core.inferenceOptimal({ params: 1e9, servedTokens: NAN, fit: 'epoch' }), 'servedTokens'],
    ['unknown fit', () => core.inferenceOptimal({ params: 1e9, servedTokens: 0, fit: bad('x') }), 'fit'],
    [
      'zero reference ratio',
      () => core.inferenceOptimal({ params: 1e9, servedTokens: 0, fit: 'epoch', referenceTokensPerParam: 0 }),
      'referenceTokensPerParam',
    ],
  ],
  bitsPerWeight: [
    ['unknown format', () => core.bitsPerWeight(bad('q5')), 'format'],
    ['fractional group', () => core.bitsPerWeight('int4_awq', { awqGroupSize: 12.5 }), 'awqGroupSize'],
  ],
  weightBytes: [
    ['negative params', () => core.weightBytes(-1, 'f16'), 'params'],
    ['infinite params', () => core.weightBytes(INF, 'f16'), 'params'],
    ['unknown format', () => core.weightBytes(3e9, bad('fp4')), 'format'],
    ['zero group', () => core.weightBytes(3e9, 'int4_awq', { awqGroupSize: 0 }), 'awqGroupSize'],
  ],
  awqBitsPerWeight: [
    ['zero group', () => core.awqBitsPerWeight(0), 'groupSize'],
    ['NaN group', () => core.awqBitsPerWeight(NAN), 'groupSize'],
  ],
  checkArchitecture: [
    ['zero layers', () => core.checkArchitecture({ ...LLAMA, layers: 0 }), 'architecture.layers'],
    ['more KV heads than heads', () => core.checkArchitecture({ ...LLAMA, kvHeads: 64 }), 'architecture.kvHeads'],
    ['fractional headDim', () => core.checkArchitecture({ ...LLAMA, headDim: 127.5 }), 'architecture.headDim'],
    [
      'zero window',
      () => core.checkArchitecture({ ...LLAMA, slidingWindow: { window: 0, pattern: { kind: 'all-layers' } } }),
      'architecture.slidingWindow.window',
    ],
    [
      'unknown pattern',
      () => core.checkArchitecture({ ...LLAMA, slidingWindow: { window: 4096, pattern: bad({ kind: 'alternate' }) } }),
      'architecture.slidingWindow.pattern.kind',
    ],
    [
      'zero local per global',
      () =>
        core.checkArchitecture({
          ...LLAMA,
          slidingWindow: { window: 4096, pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 0 } },
        }),
      'architecture.slidingWindow.pattern.localLayersPerGlobalLayer',
    ],
    [
      'unknown first layer',
      () =>
        core.checkArchitecture({
          ...LLAMA,
          slidingWindow: {
            window: 4096,
            pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5, firstLayer: bad('middle') },
          },
        }),
      'architecture.slidingWindow.pattern.firstLayer',
    ],
  ],
  attentionLayerCounts: [
    ['missing architecture', () => core.attentionLayerCounts(bad(null)), 'architecture'],
    ['NaN heads', () => core.attentionLayerCounts({ ...LLAMA, heads: NAN }), 'architecture.heads'],
  ],
  kvCacheBytes: [
    ['negative context', () => core.kvCacheBytes(LLAMA, { contextTokens: -1 }), 'contextTokens'],
    ['zero sequences', () => core.kvCacheBytes(LLAMA, { contextTokens: 1, sequences: 0 }), 'sequences'],
    ['unknown kvFormat', () => core.kvCacheBytes(LLAMA, { contextTokens: 1, kvFormat: bad('q4') }), 'kvFormat'],
    [
      'negative kvHeads',
      () => core.kvCacheBytes({ ...LLAMA, kvHeads: -8 }, { contextTokens: 1 }),
      'architecture.kvHeads',
    ],
  ],
  memoryFit: [
    ['zero memory', () => core.memoryFit({ ...FIT, memoryBytes: 0 }), 'memoryBytes'],
    ['negative weights', () => core.memoryFit({ ...FIT, weightBytes: -1 }), 'weightBytes'],
    ['NaN kv', () => core.memoryFit({ ...FIT, kvBytes: NAN }), 'kvBytes'],
    ['negative overhead', () => core.memoryFit({ ...FIT, runtimeOverheadBytes: -1 }), 'runtimeOverheadBytes'],
    ['headroom of 1', () => core.memoryFit({ ...FIT, headroom: 1 }), 'headroom'],
  ],
  decodeTokensPerSecond: [
    ['negative weights', () => core.decodeTokensPerSecond({ ...DECODE, weightBytes: -1 }), 'weightBytes'],
    ['NaN kv', () => core.decodeTokensPerSecond({ ...DECODE, kvBytes: NAN }), 'kvBytes'],
    [
      'zero bandwidth',
      () => core.decodeTokensPerSecond({ ...DECODE, bandwidthBytesPerSecond: 0 }),
      'bandwidthBytesPerSecond',
    ],
    ['efficiency above 1', () => core.decodeTokensPerSecond({ ...DECODE, efficiency: 1.5 }), 'efficiency'],
    ['nothing to read', () => core.decodeTokensPerSecond({ ...DECODE, weightBytes: 0 }), 'weightBytes'],
  ],
  decodeSecondsPerToken: [
    [
      'infinite bandwidth',
      () => core.decodeSecondsPerToken({ ...DECODE, bandwidthBytesPerSecond: INF }),
      'bandwidthBytesPerSecond',
    ],
  ],
  measuredLatency: [
    ['empty', () => core.measuredLatency([]), 'samplesSeconds'],
    ['not an array', () => core.measuredLatency(bad(0.5)), 'samplesSeconds'],
    ['negative sample', () => core.measuredLatency([0.1, -0.2]), 'samplesSeconds[1]'],
    ['NaN sample', () => core.measuredLatency([NAN]), 'samplesSeconds[0]'],
  ],
  prefillSeconds: [
    ['negative params', () => core.prefillSeconds({ ...PREFILL, params: -1 }), 'params'],
    ['negative prompt', () => core.prefillSeconds({ ...PREFILL, promptTokens: -1 }), 'promptTokens'],
    ['zero peak', () => core.prefillSeconds({ ...PREFILL, peakFlops: 0 }), 'peakFlops'],
    ['NaN utilisation', () => core.prefillSeconds({ ...PREFILL, utilization: NAN }), 'utilization'],
  ],
  endToEndLatencySeconds: [
    ['negative ttft', () => core.endToEndLatencySeconds({ ...E2E, ttftSeconds: -0.1 }), 'ttftSeconds'],
    ['NaN tpot', () => core.endToEndLatencySeconds({ ...E2E, tpotSeconds: NAN }), 'tpotSeconds'],
    ['infinite output', () => core.endToEndLatencySeconds({ ...E2E, outputTokens: INF }), 'outputTokens'],
    ['negative network', () => core.endToEndLatencySeconds({ ...E2E, networkSeconds: -1 }), 'networkSeconds'],
  ],
  erlangC: [
    ['negative arrivals', () => core.erlangC({ ...MMC, arrivalRatePerSecond: -1 }), 'arrivalRatePerSecond'],
    ['zero service rate', () => core.erlangC({ ...MMC, serviceRatePerSecond: 0 }), 'serviceRatePerSecond'],
    ['fractional servers', () => core.erlangC({ ...MMC, servers: 2.5 }), 'servers'],
    ['zero servers', () => core.erlangC({ ...MMC, servers: 0 }), 'servers'],
  ],
  mmcLatency: [
    ['NaN arrivals', () => core.mmcLatency({ ...MMC, arrivalRatePerSecond: NAN }), 'arrivalRatePerSecond'],
    ['infinite service rate', () => core.mmcLatency({ ...MMC, serviceRatePerSecond: INF }), 'serviceRatePerSecond'],
    ['too many servers', () => core.mmcLatency({ ...MMC, servers: 1e9 }), 'servers'],
  ],
  mmcResponseTimeQuantileSeconds: [
    ['quantile 1', () => core.mmcResponseTimeQuantileSeconds({ ...MMC, quantile: 1 }), 'quantile'],
    ['negative quantile', () => core.mmcResponseTimeQuantileSeconds({ ...MMC, quantile: -0.5 }), 'quantile'],
    ['zero servers', () => core.mmcResponseTimeQuantileSeconds({ ...MMC, servers: 0, quantile: 0.5 }), 'servers'],
  ],
  costPerRequestUsd: [
    ['negative input', () => core.costPerRequestUsd({ ...API, inputTokens: -1 }), 'inputTokens'],
    ['NaN output', () => core.costPerRequestUsd({ ...API, outputTokens: NAN }), 'outputTokens'],
    ['negative price in', () => core.costPerRequestUsd({ ...API, inputUsdPerMillion: -2.5 }), 'inputUsdPerMillion'],
    ['infinite price out', () => core.costPerRequestUsd({ ...API, outputUsdPerMillion: INF }), 'outputUsdPerMillion'],
  ],
  replicasNeeded: [
    ['negative peak', () => core.replicasNeeded({ ...REPLICAS, peakRequestsPerSecond: -1 }), 'peakRequestsPerSecond'],
    [
      'zero per replica',
      () => core.replicasNeeded({ ...REPLICAS, requestsPerSecondPerReplica: 0 }),
      'requestsPerSecondPerReplica',
    ],
    ['target above 1', () => core.replicasNeeded({ ...REPLICAS, targetUtilization: 1.1 }), 'targetUtilization'],
    ['negative minimum', () => core.replicasNeeded({ ...REPLICAS, minReplicas: -1 }), 'minReplicas'],
  ],
  selfHostedMonthlyUsd: [
    ['fractional replicas', () => core.selfHostedMonthlyUsd({ ...SELF, replicas: 1.5 }), 'replicas'],
    ['zero GPUs', () => core.selfHostedMonthlyUsd({ ...SELF, gpusPerReplica: 0 }), 'gpusPerReplica'],
    ['negative price', () => core.selfHostedMonthlyUsd({ ...SELF, usdPerGpuHour: -2 }), 'usdPerGpuHour'],
    ['more hours than a month', () => core.selfHostedMonthlyUsd({ ...SELF, hoursPerMonth: 1000 }), 'hoursPerMonth'],
  ],
  cpuMonthlyUsd: [
    ['negative requests', () => core.cpuMonthlyUsd({ ...CPU, requestsPerMonth: -1 }), 'requestsPerMonth'],
    ['NaN seconds', () => core.cpuMonthlyUsd({ ...CPU, vcpuSecondsPerRequest: NAN }), 'vcpuSecondsPerRequest'],
    ['negative price', () => core.cpuMonthlyUsd({ ...CPU, usdPerVcpuHour: -1 }), 'usdPerVcpuHour'],
    ['zero utilisation', () => core.cpuMonthlyUsd({ ...CPU, utilization: 0 }), 'utilization'],
  ],
  onDeviceMonthlyUsd: [
    ['negative requests', () => core.onDeviceMonthlyUsd({ ...DEVICE_COST, requestsPerMonth: -1 }), 'requestsPerMonth'],
    ['NaN fixed', () => core.onDeviceMonthlyUsd({ ...DEVICE_COST, fixedMonthlyUsd: NAN }), 'fixedMonthlyUsd'],
    [
      'negative marginal',
      () => core.onDeviceMonthlyUsd({ ...DEVICE_COST, marginalUsdPerRequest: -1 }),
      'marginalUsdPerRequest',
    ],
  ],
  cascadeCostPerRequestUsd: [
    [
      'negative small',
      () => core.cascadeCostPerRequestUsd({ ...CASCADE, smallUsdPerRequest: -1 }),
      'smallUsdPerRequest',
    ],
    [
      'infinite large',
      () => core.cascadeCostPerRequestUsd({ ...CASCADE, largeUsdPerRequest: INF }),
      'largeUsdPerRequest',
    ],
    ['rate above 1', () => core.cascadeCostPerRequestUsd({ ...CASCADE, escalationRate: 1.5 }), 'escalationRate'],
    ['negative rate', () => core.cascadeCostPerRequestUsd({ ...CASCADE, escalationRate: -0.1 }), 'escalationRate'],
  ],
  monthlyProjection: [
    ['negative requests', () => core.monthlyProjection({ ...PROJECTION, requestsPerMonth: -1 }), 'requestsPerMonth'],
    ['growth of -100 %', () => core.monthlyProjection({ ...PROJECTION, growthPerMonth: -1 }), 'growthPerMonth'],
    ['zero months', () => core.monthlyProjection({ ...PROJECTION, months: 0 }), 'months'],
    ['fractional months', () => core.monthlyProjection({ ...PROJECTION, months: 1.5 }), 'months'],
    ['NaN cost', () => core.monthlyProjection({ ...PROJECTION, costPerRequestUsd: NAN }), 'costPerRequestUsd'],
    ['negative fixed', () => core.monthlyProjection({ ...PROJECTION, fixedMonthlyUsd: -1 }), 'fixedMonthlyUsd'],
  ],
  apiSelfHostCrossoverRequests: [
    [
      'negative API price',
      () => core.apiSelfHostCrossoverRequests({ ...CROSSOVER, apiUsdPerRequest: -1 }),
      'apiUsdPerRequest',
    ],
    [
      'NaN replica cost',
      () => core.apiSelfHostCrossoverRequests({ ...CROSSOVER, replicaMonthlyUsd: NAN }),
      'replicaMonthlyUsd',
    ],
    [
      'zero capacity',
      () => core.apiSelfHostCrossoverRequests({ ...CROSSOVER, requestsPerMonthPerReplica: 0 }),
      'requestsPerMonthPerReplica',
    ],
    [
      'negative fixed',
      () => core.apiSelfHostCrossoverRequests({ ...CROSSOVER, fixedMonthlyUsd: -1 }),
      'fixedMonthlyUsd',
    ],
    ['zero minimum', () => core.apiSelfHostCrossoverRequests({ ...CROSSOVER, minReplicas: 0 }), 'minReplicas'],
  ],
  explore: [
    ['negative params', () => core.explore({ ...EXPLORE, params: -1 }), 'params'],
    ['NaN params', () => core.explore({ ...EXPLORE, params: NAN }), 'params'],
    ['infinite served', () => core.explore({ ...EXPLORE, servedTokens: INF }), 'servedTokens'],
    ['unknown preset', () => core.explore({ ...EXPLORE, preset: bad('tpu-v5') }), 'preset'],
    ['zero tokensPerParam', () => core.explore({ ...EXPLORE, tokensPerParam: 0 }), 'tokensPerParam'],
    ['unknown fit', () => core.explore({ ...EXPLORE, fit: bad('kaplan') }), 'fit'],
    ['headroom of 1', () => core.explore({ ...EXPLORE, memoryHeadroom: 1 }), 'memoryHeadroom'],
    ['negative overhead', () => core.explore({ ...EXPLORE, runtimeOverheadBytes: -1 }), 'runtimeOverheadBytes'],
    ['one curve point', () => core.explore({ ...EXPLORE, curvePoints: 1 }), 'curvePoints'],
  ],
  priceLadder: [['non-boolean flag', () => core.priceLadder({ includeFlagged: bad('yes') }), 'includeFlagged']],
  deviceById: [['unknown device', () => core.deviceById(bad('tpu-v5')), 'deviceId']],
  defaultDecodeEfficiency: [['unknown kind', () => core.defaultDecodeEfficiency(bad('tablet')), 'kind']],
  figure: [
    ['empty source', () => core.figure(1, { source: '', status: 'confirmed' }), 'source'],
    ['unknown status', () => core.figure(1, { source: 'x', status: bad('rumour') }), 'status'],
  ],
  provenance: [
    ['bad asOf', () => core.provenance({ source: 'x', status: 'confirmed', asOf: '2026/03' }), 'asOf'],
    [
      'unknown basis',
      () => core.provenance({ source: 'x', status: 'confirmed', asOf: '2026', asOfBasis: bad('guess') }),
      'asOfBasis',
    ],
  ],
  formatBytes: [
    ['NaN bytes', () => core.formatBytes(NAN), 'bytes'],
    ['unknown unit', () => core.formatBytes(1, { unit: bad('GBs') }), 'unit'],
    ['unknown system', () => core.formatBytes(1, { system: bad('metric') }), 'system'],
    ['zero digits', () => core.formatBytes(1, { significantDigits: 0 }), 'significantDigits'],
  ],
  formatUsd: [['infinite usd', () => core.formatUsd(INF), 'usd']],
  formatFlops: [
    ['NaN flops', () => core.formatFlops(NAN), 'flops'],
    ['unknown style', () => core.formatFlops(1, { style: bad('engineering') }), 'style'],
  ],
  formatDuration: [
    ['negative seconds', () => core.formatDuration(-1), 'seconds'],
    ['NaN seconds', () => core.formatDuration(NAN), 'seconds'],
  ],
  formatTokens: [['NaN tokens', () => core.formatTokens(NAN), 'tokens']],
  formatParams: [['infinite params', () => core.formatParams(-INF), 'params']],
  formatPercent: [['NaN share', () => core.formatPercent(NAN), 'share']],
  smallReading: [
    ['missing verdicts', () => core.smallReading(bad(undefined)), 'verdicts'],
    [
      'unknown verdict',
      () =>
        core.smallReading({
          SPECIFIC: 'PASS',
          MEASURED: 'PASS',
          AFFORDABLE: 'PASS',
          LATENCY: 'PASS',
          LOCAL: bad('MAYBE'),
        }),
      'verdicts.LOCAL',
    ],
    ['missing letter', () => core.smallReading(bad({ SPECIFIC: 'PASS' })), 'verdicts.MEASURED'],
  ],
  evaluateCandidate: [
    ['missing options', () => core.evaluateCandidate(bad(undefined)), 'options'],
    ['negative volume', () => evaluateWith({ task: { ...TASK, monthlyRequests: -1 } }), 'task.monthlyRequests'],
    ['growth of -100 %', () => evaluateWith({ task: { ...TASK, monthlyGrowth: -1 } }), 'task.monthlyGrowth'],
    ['p95 input below typical', () => evaluateWith({ task: { ...TASK, inputTokensP95: 100 } }), 'task.inputTokensP95'],
    ['p99 budget below p95', () => evaluateWith({ task: { ...TASK, latencyP99Seconds: 1 } }), 'task.latencyP99Seconds'],
    ['zero TTFT budget', () => evaluateWith({ task: { ...TASK, ttftSeconds: 0 } }), 'task.ttftSeconds'],
    [
      'unknown target device',
      () => evaluateWith({ task: { ...TASK, targetDeviceId: bad('tpu') } }),
      'task.targetDeviceId',
    ],
    ['unknown locality', () => evaluateWith({ task: { ...TASK, locality: bad('MOON') } }), 'task.locality'],
    [
      'jurisdictions not a list',
      () => evaluateWith({ task: { ...TASK, jurisdictions: bad('EU') } }),
      'task.jurisdictions',
    ],
    ['NaN quality bar', () => evaluateWith({ task: { ...TASK, qualityBar: NAN } }), 'task.qualityBar'],
    ['cascade kind', () => evaluateWith({ kind: 'CASCADE' }), 'kind'],
    ['unknown deployment', () => evaluateWith({ spec: bad({ deployment: 'EDGE' }) }), 'spec.deployment'],
    ['unknown price', () => evaluateWith({ spec: { deployment: 'API', priceId: bad('gpt-9') } }), 'spec.priceId'],
    [
      'negative custom price',
      () => evaluateWith({ spec: { deployment: 'API', usdPerMillionInputTokens: -1 } }),
      'spec.usdPerMillionInputTokens',
    ],
    [
      'zero tokens/s',
      () => evaluateWith({ spec: { deployment: 'API', outputTokensPerSecond: 0 } }),
      'spec.outputTokensPerSecond',
    ],
    [
      'unknown model',
      () => evaluateWith({ spec: { ...GPU_SPEC, model: { catalogId: bad('gpt-2') } } }),
      'spec.model.catalogId',
    ],
    [
      'encoder as an SLM',
      () => evaluateWith({ spec: { ...GPU_SPEC, model: { catalogId: 'bert-base-uncased' } } }),
      'spec.model.catalogId',
    ],
    [
      'custom model without a name',
      () => evaluateWith({ spec: { ...GPU_SPEC, model: { custom: { name: '', params: 1e9 } } } }),
      'spec.model.custom.name',
    ],
    ['unknown format', () => evaluateWith({ spec: { ...GPU_SPEC, format: bad('fp4') } }), 'spec.format'],
    ['unknown KV format', () => evaluateWith({ spec: { ...GPU_SPEC, kvFormat: bad('q4') } }), 'spec.kvFormat'],
    ['unknown runsIn', () => evaluateWith({ spec: { ...GPU_SPEC, runsIn: bad('THIRD_PARTY') } }), 'spec.runsIn'],
    ['no hardware kind', () => evaluateWith({ spec: { ...GPU_SPEC, hardware: bad({}) } }), 'spec.hardware'],
    [
      'unknown GPU',
      () => evaluateWith({ spec: { ...GPU_SPEC, hardware: { gpu: { deviceId: bad('b200') } } } }),
      'spec.hardware.gpu.deviceId',
    ],
    [
      'MBU above 1',
      () => evaluateWith({ spec: { ...GPU_SPEC, hardware: { gpu: { deviceId: 'l4', mbu: 1.2 } } } }),
      'spec.hardware.gpu.mbu',
    ],
    [
      'price for another GPU',
      () =>
        evaluateWith({
          spec: { ...GPU_SPEC, hardware: { gpu: { deviceId: 'l4', gpuPriceId: 'aws-p5-h100-2026-03' } } },
        }),
      'spec.hardware.gpu.gpuPriceId',
    ],
    [
      'zero vCPU-seconds',
      () =>
        evaluateWith({
          spec: { ...GPU_SPEC, hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0 } } },
        }),
      'spec.hardware.cpu.vcpuSecondsPerRequest',
    ],
    ['fractional replicas', () => evaluateWith({ spec: { ...GPU_SPEC, replicas: 1.5 } }), 'spec.replicas'],
    ['zero concurrency', () => evaluateWith({ spec: { ...GPU_SPEC, maxConcurrency: 0 } }), 'spec.maxConcurrency'],
    ['empty jurisdiction', () => evaluateWith({ spec: { ...GPU_SPEC, jurisdiction: '' } }), 'spec.jurisdiction'],
    [
      'unknown device',
      () =>
        evaluateWith({
          spec: { deployment: 'ON_DEVICE', model: { catalogId: 'llama-3.2-1b' }, format: 'q4', deviceId: bad('pixel') },
        }),
      'spec.deviceId',
    ],
    [
      'negative fixed cost',
      () =>
        evaluateWith({
          spec: {
            deployment: 'ON_DEVICE',
            model: { catalogId: 'llama-3.2-1b' },
            format: 'q4',
            deviceId: 'apple-a17-pro',
            fixedMonthlyUsd: -1,
          },
        }),
      'spec.fixedMonthlyUsd',
    ],
    [
      'measured quality NaN',
      () => evaluateWith({ measured: { quality: { value: NAN, source: 'eval' } } }),
      'measured.quality.value',
    ],
    [
      'measured p95 below p50',
      () =>
        evaluateWith({
          measured: { latency: { p50Seconds: 2, p95Seconds: 1, p99Seconds: 3, samples: 10, source: 'run' } },
        }),
      'measured.latency.p95Seconds',
    ],
    [
      'measured without samples',
      () =>
        evaluateWith({
          measured: { latency: { p50Seconds: 1, p95Seconds: 2, p99Seconds: 3, samples: 0, source: 'run' } },
        }),
      'measured.latency.samples',
    ],
    ['peak below the mean', () => evaluateWith({ peakToMeanRatio: 0.5 }), 'peakToMeanRatio'],
  ],
  evaluateCascade: [
    ['missing options', () => core.evaluateCascade(bad(null)), 'options'],
    [
      'rate above 1',
      () => core.evaluateCascade({ task: TASK, small: EVALUATION, large: EVALUATION, escalationRate: 1.1 }),
      'escalationRate',
    ],
    [
      'missing small',
      () => core.evaluateCascade({ task: TASK, small: bad(undefined), large: EVALUATION, escalationRate: 0.1 }),
      'small',
    ],
    [
      'a cascade as the large part',
      () =>
        core.evaluateCascade({
          task: TASK,
          small: EVALUATION,
          large: { ...EVALUATION, kind: 'CASCADE' },
          escalationRate: 0.1,
        }),
      'large.kind',
    ],
    [
      'bad task',
      () =>
        core.evaluateCascade({
          task: { ...TASK, monthlyBudgetUsd: -1 },
          small: EVALUATION,
          large: EVALUATION,
          escalationRate: 0.1,
        }),
      'task.monthlyBudgetUsd',
    ],
  ],
  cascadeLatencyQuantileSeconds: [
    ['quantile 1', () => core.cascadeLatencyQuantileSeconds({ ...MIXTURE, quantile: 1 }), 'quantile'],
    ['negative rate', () => core.cascadeLatencyQuantileSeconds({ ...MIXTURE, escalationRate: -0.1 }), 'escalationRate'],
    [
      'p99 below p95',
      () => core.cascadeLatencyQuantileSeconds({ ...MIXTURE, large: { p95Seconds: 3, p99Seconds: 2 } }),
      'large.p99Seconds',
    ],
    [
      'NaN p95',
      () => core.cascadeLatencyQuantileSeconds({ ...MIXTURE, small: { p95Seconds: NAN, p99Seconds: 2 } }),
      'small.p95Seconds',
    ],
  ],
  localitySatisfies: [
    ['unknown location', () => core.localitySatisfies(bad('CLOUD'), 'ANY'), 'runsIn'],
    ['unknown requirement', () => core.localitySatisfies('ON_PREM', bad('EU')), 'locality'],
  ],
  radarScores: [
    ['missing evaluation', () => core.radarScores(bad(undefined), TASK), 'evaluation'],
    ['bad task', () => core.radarScores(EVALUATION, { ...TASK, latencyP95Seconds: 0 }), 'task.latencyP95Seconds'],
  ],
  dominated: [
    ['points not a list', () => core.dominated({ points: bad({}), qualityHigherBetter: true }), 'points'],
    [
      'NaN quality',
      () => core.dominated({ points: [{ id: 'a', quality: NAN, monthlyUsd: 1 }], qualityHigherBetter: true }),
      'points[0].quality',
    ],
    [
      'negative cost',
      () => core.dominated({ points: [{ id: 'a', quality: 1, monthlyUsd: -1 }], qualityHigherBetter: true }),
      'points[0].monthlyUsd',
    ],
    [
      'missing direction',
      () => core.dominated({ points: [], qualityHigherBetter: bad(undefined) }),
      'qualityHigherBetter',
    ],
  ],
};

/** Exports that accept any input by design. */
const total: Record<string, string> = {
  isIsoDate: 'a predicate: anything that is not an ISO date string is simply false',
};

describe('RangeError policy', () => {
  it('covers every exported function', () => {
    const functions = Object.entries(core)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    const covered = [...Object.keys(cases), ...Object.keys(total)].sort();
    expect(covered).toEqual(functions);
  });

  for (const [name, list] of Object.entries(cases)) {
    describe(name, () => {
      it.each(list)('%s → RangeError naming %s', (_label, call, argument) => {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(RangeError);
        const message = (caught as RangeError).message;
        expect(message.startsWith(`${argument} `), message).toBe(true);
        expect(message).toMatch(/, got /);
      });
    });
  }

  it('isIsoDate never throws', () => {
    expect(core.isIsoDate(bad(42))).toBe(false);
    expect(core.isIsoDate(bad(undefined))).toBe(false);
  });
});
