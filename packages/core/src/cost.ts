/**
 * Cost: per request on an API, per month self-hosted (GPU or CPU) or on-device, cascades, monthly
 * projections with growth, and the volume at which self-hosting beats an API.
 *
 * @module
 */
import { checkNumber, efficiency, fraction, integerAtLeast, nonNegative, positive, record } from './validate.ts';

/** Tokens per "million tokens" price unit. */
const PER_MILLION = 1e6;

/**
 * Hours in an average month: 365 days × 24 h / 12 = 730.
 *
 * @example
 * HOURS_PER_MONTH * 2; // 1460: one always-on GPU at $2/h for a month
 */
export const HOURS_PER_MONTH = (365 * 24) / 12;

/** Options of {@link costPerRequestUsd}. */
export interface ApiRequestCostOptions {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly inputUsdPerMillion: number;
  readonly outputUsdPerMillion: number;
}

/**
 * API cost of one request: `input × priceIn + output × priceOut`, prices per million tokens.
 *
 * @example
 * // 1,000 in, 200 out on GPT-4o ($2.50 / $10 per million)
 * costPerRequestUsd({ inputTokens: 1000, outputTokens: 200, inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 }); // 0.0045
 */
export function costPerRequestUsd(options: ApiRequestCostOptions): number {
  record('options', options);
  const input = nonNegative('inputTokens', options.inputTokens);
  const output = nonNegative('outputTokens', options.outputTokens);
  const priceIn = nonNegative('inputUsdPerMillion', options.inputUsdPerMillion);
  const priceOut = nonNegative('outputUsdPerMillion', options.outputUsdPerMillion);
  return (input * priceIn + output * priceOut) / PER_MILLION;
}

/** Options of {@link replicasNeeded}. */
export interface ReplicasOptions {
  /** Peak arrival rate, requests/s (≥ 0). */
  readonly peakRequestsPerSecond: number;
  /** Sustained throughput of one replica at the latency target, requests/s (> 0). */
  readonly requestsPerSecondPerReplica: number;
  /** Fraction of a replica's throughput to plan for, in (0, 1]; lower leaves room for bursts. */
  readonly targetUtilization: number;
  /** Replicas kept even at zero load (integer ≥ 0); default 1. */
  readonly minReplicas?: number;
}

/**
 * Replicas needed at peak: `⌈peak / (perReplica × targetUtilization)⌉`, at least `minReplicas`.
 * Ratios within one part in a billion of an integer count as that integer, so floating-point
 * noise never adds a replica.
 *
 * @example
 * replicasNeeded({ peakRequestsPerSecond: 50, requestsPerSecondPerReplica: 8, targetUtilization: 0.7 }); // 9
 */
export function replicasNeeded(options: ReplicasOptions): number {
  record('options', options);
  const peak = nonNegative('peakRequestsPerSecond', options.peakRequestsPerSecond);
  const perReplica = positive('requestsPerSecondPerReplica', options.requestsPerSecondPerReplica);
  const target = efficiency('targetUtilization', options.targetUtilization);
  const min = options.minReplicas === undefined ? 1 : integerAtLeast('minReplicas', options.minReplicas, 0);
  const ratio = peak / (perReplica * target);
  return Math.max(min, Math.ceil(ratio - ratio * 1e-9));
}

/** Options of {@link selfHostedMonthlyUsd}. */
export interface SelfHostedOptions {
  readonly replicas: number;
  /** GPUs per replica (integer ≥ 1); default 1. */
  readonly gpusPerReplica?: number;
  readonly usdPerGpuHour: number;
  /** Billed hours per month; default {@link HOURS_PER_MONTH} (always on). */
  readonly hoursPerMonth?: number;
}

/**
 * Monthly cost of self-hosted GPU replicas: `replicas × gpusPerReplica × usdPerGpuHour × hours`.
 *
 * @example
 * selfHostedMonthlyUsd({ replicas: 2, usdPerGpuHour: 2 }); // 2920 (2 H100s at Epoch's $2/h assumption)
 */
export function selfHostedMonthlyUsd(options: SelfHostedOptions): number {
  record('options', options);
  const replicas = integerAtLeast('replicas', options.replicas, 0);
  const gpus = options.gpusPerReplica === undefined ? 1 : integerAtLeast('gpusPerReplica', options.gpusPerReplica, 1);
  const price = nonNegative('usdPerGpuHour', options.usdPerGpuHour);
  const hours =
    options.hoursPerMonth === undefined
      ? HOURS_PER_MONTH
      : checkNumber('hoursPerMonth', options.hoursPerMonth, { min: 0, max: 31 * 24 });
  return replicas * gpus * price * hours;
}

/** Options of {@link cpuMonthlyUsd}. */
export interface CpuCostOptions {
  readonly requestsPerMonth: number;
  /** vCPU-seconds one request takes (≥ 0), e.g. a classical model or small encoder on CPU. */
  readonly vcpuSecondsPerRequest: number;
  readonly usdPerVcpuHour: number;
  /** Average utilisation of the provisioned vCPUs, in (0, 1]; default 1 (pay only for use). */
  readonly utilization?: number;
}

/**
 * Monthly cost of a model served on CPUs, from vCPU-hours:
 * `requests × vcpuSecondsPerRequest / 3600 / utilization × usdPerVcpuHour`.
 *
 * @example
 * cpuMonthlyUsd({ requestsPerMonth: 10e6, vcpuSecondsPerRequest: 0.02, usdPerVcpuHour: 0.04, utilization: 0.5 }); // ≈ 4.44
 */
export function cpuMonthlyUsd(options: CpuCostOptions): number {
  record('options', options);
  const requests = nonNegative('requestsPerMonth', options.requestsPerMonth);
  const seconds = nonNegative('vcpuSecondsPerRequest', options.vcpuSecondsPerRequest);
  const price = nonNegative('usdPerVcpuHour', options.usdPerVcpuHour);
  const util = options.utilization === undefined ? 1 : efficiency('utilization', options.utilization);
  return ((requests * seconds) / 3600 / util) * price;
}

/** Options of {@link onDeviceMonthlyUsd}. */
export interface OnDeviceCostOptions {
  readonly requestsPerMonth: number;
  /** Fixed monthly cost: model distribution, updates, device fleet share (≥ 0). */
  readonly fixedMonthlyUsd: number;
  /** Marginal cost per request borne by the operator; default 0 (the user's device pays). */
  readonly marginalUsdPerRequest?: number;
}

/**
 * Monthly cost of an on-device model: the marginal cost per request is about zero for the
 * operator, so the fixed cost dominates.
 *
 * @example
 * onDeviceMonthlyUsd({ requestsPerMonth: 5e6, fixedMonthlyUsd: 1200 }); // 1200
 */
export function onDeviceMonthlyUsd(options: OnDeviceCostOptions): number {
  record('options', options);
  const requests = nonNegative('requestsPerMonth', options.requestsPerMonth);
  const fixed = nonNegative('fixedMonthlyUsd', options.fixedMonthlyUsd);
  const marginal =
    options.marginalUsdPerRequest === undefined
      ? 0
      : nonNegative('marginalUsdPerRequest', options.marginalUsdPerRequest);
  return fixed + requests * marginal;
}

/** Options of {@link cascadeCostPerRequestUsd}. */
export interface CascadeCostOptions {
  readonly smallUsdPerRequest: number;
  readonly largeUsdPerRequest: number;
  /** Share of requests the small model escalates to the large one, in [0, 1]. */
  readonly escalationRate: number;
}

/**
 * Cost per request of a two-model cascade: every request pays the small model, escalated ones also
 * the large: `small + escalationRate × large`.
 *
 * @example
 * cascadeCostPerRequestUsd({ smallUsdPerRequest: 0.0001, largeUsdPerRequest: 0.01, escalationRate: 0.15 }); // 0.0016
 */
export function cascadeCostPerRequestUsd(options: CascadeCostOptions): number {
  record('options', options);
  const small = nonNegative('smallUsdPerRequest', options.smallUsdPerRequest);
  const large = nonNegative('largeUsdPerRequest', options.largeUsdPerRequest);
  const rate = fraction('escalationRate', options.escalationRate);
  return small + rate * large;
}

/** Options of {@link monthlyProjection}. */
export interface ProjectionOptions {
  /** Requests in the first month (≥ 0). */
  readonly requestsPerMonth: number;
  /** Month-on-month growth as a fraction (> −1): 0.1 is +10 % a month, −0.05 a 5 % decline. */
  readonly growthPerMonth: number;
  /** Months to project (integer, 1–1200). */
  readonly months: number;
  readonly costPerRequestUsd: number;
  /** Fixed cost per month (≥ 0); default 0. */
  readonly fixedMonthlyUsd?: number;
}

/** One month of {@link monthlyProjection}. */
export interface ProjectionRow {
  /** 1 for the first month. */
  readonly month: number;
  readonly requests: number;
  readonly variableUsd: number;
  readonly fixedUsd: number;
  readonly totalUsd: number;
  readonly cumulativeUsd: number;
}

/**
 * Month-by-month cost with compound growth: month m serves `requestsPerMonth × (1 + growth)^(m−1)`
 * requests and costs `requests × costPerRequest + fixed`.
 *
 * @example
 * monthlyProjection({ requestsPerMonth: 1e6, growthPerMonth: 0.1, months: 3, costPerRequestUsd: 0.001, fixedMonthlyUsd: 100 });
 * // [{ month: 1, requests: 1e6, totalUsd: 1100, … }, { month: 2, requests: 1.1e6, totalUsd: 1200, … },
 * //  { month: 3, requests: 1.21e6, totalUsd: 1310, cumulativeUsd: 3610, … }]
 */
export function monthlyProjection(options: ProjectionOptions): ProjectionRow[] {
  record('options', options);
  const start = nonNegative('requestsPerMonth', options.requestsPerMonth);
  const growth = checkNumber('growthPerMonth', options.growthPerMonth, { min: -1, minExclusive: true });
  const months = checkNumber('months', options.months, { min: 1, max: 1200, integer: true });
  const unit = nonNegative('costPerRequestUsd', options.costPerRequestUsd);
  const fixed = options.fixedMonthlyUsd === undefined ? 0 : nonNegative('fixedMonthlyUsd', options.fixedMonthlyUsd);
  const rows: ProjectionRow[] = [];
  let cumulative = 0;
  for (let m = 1; m <= months; m += 1) {
    const requests = start * (1 + growth) ** (m - 1);
    const variable = requests * unit;
    const total = variable + fixed;
    cumulative += total;
    rows.push({
      month: m,
      requests,
      variableUsd: variable,
      fixedUsd: fixed,
      totalUsd: total,
      cumulativeUsd: cumulative,
    });
  }
  return rows;
}

/** Options of {@link apiSelfHostCrossoverRequests}. */
export interface CrossoverOptions {
  /** API cost of one request (≥ 0), e.g. from {@link costPerRequestUsd}. */
  readonly apiUsdPerRequest: number;
  /** Monthly cost of one self-hosted replica (≥ 0), e.g. from {@link selfHostedMonthlyUsd}. */
  readonly replicaMonthlyUsd: number;
  /** Requests one replica serves in a month at its planned utilisation (> 0). */
  readonly requestsPerMonthPerReplica: number;
  /** Fixed monthly cost of self-hosting beyond the replicas (ops, storage) (≥ 0); default 0. */
  readonly fixedMonthlyUsd?: number;
  /** Replicas kept even at zero load (integer ≥ 1); default 1. */
  readonly minReplicas?: number;
}

/**
 * Monthly request volume above which self-hosting is cheaper than the API and stays cheaper.
 *
 * Self-hosting costs `max(minReplicas, ⌈V / capacity⌉) × replicaMonthlyUsd + fixed`, a staircase;
 * the API costs `V × apiUsdPerRequest`, a line. Each new replica makes self-hosting jump, so the
 * first volume where the line crosses the staircase can be followed by a short stretch where the
 * API is cheaper again; this returns the volume beyond which that no longer happens. It is
 * `Infinity` when a replica's worth of traffic costs no more on the API than the replica itself
 * (`apiUsdPerRequest × capacity ≤ replicaMonthlyUsd`).
 *
 * @example
 * // API $0.002 per request; a replica costs $1,460/month and serves 3M requests/month
 * apiSelfHostCrossoverRequests({ apiUsdPerRequest: 0.002, replicaMonthlyUsd: 1460, requestsPerMonthPerReplica: 3e6 }); // 730,000
 */
export function apiSelfHostCrossoverRequests(options: CrossoverOptions): number {
  record('options', options);
  const p = nonNegative('apiUsdPerRequest', options.apiUsdPerRequest);
  const cost = nonNegative('replicaMonthlyUsd', options.replicaMonthlyUsd);
  const cap = positive('requestsPerMonthPerReplica', options.requestsPerMonthPerReplica);
  const fixed = options.fixedMonthlyUsd === undefined ? 0 : nonNegative('fixedMonthlyUsd', options.fixedMonthlyUsd);
  const m = options.minReplicas === undefined ? 1 : integerAtLeast('minReplicas', options.minReplicas, 1);
  const margin = p * cap - cost;
  if (!(margin > 0)) return Number.POSITIVE_INFINITY;
  // Band k > m holds volumes in ((k−1)·cap, k·cap]; self-hosting wins on all of it when
  // p·(k−1)·cap ≥ k·cost + fixed, i.e. k ≥ (p·cap + fixed) / margin. Bands beyond stay won.
  const firstWonBand = Math.max(m + 1, Math.ceil((p * cap + fixed) / margin));
  const j = firstWonBand - 1;
  // Within band j the API line crosses the flat self-hosting cost at (j·cost + fixed) / p.
  return Math.min((j * cost + fixed) / p, j * cap);
}
