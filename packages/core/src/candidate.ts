/**
 * The four axes of a deployment for one candidate model on one task: cost per request at the task's
 * volume, tail latency at its arrival rate, memory footprint against its device, and control /
 * locality against its requirement; plus quality, which is only ever measured.
 *
 * Source of the four axes: the seed text "What Small Actually Means" (chapter 1): a model is small
 * for a task when it fits the task's cost, latency, memory and control constraints with room to
 * spare. Every figure says whether it is estimated, measured or unknown, and where it comes from.
 *
 * Everything here is a pure function of its inputs (no clock, no I/O, no randomness), so the
 * figures a decision freezes into its snapshot can be recomputed and checked later.
 *
 * @module
 */
import type { AttentionArchitecture } from './architecture.ts';
import { deviceById, deviceIds, type Device, type DeviceId } from './catalog/devices.ts';
import { DEFAULT_MFU, defaultDecodeEfficiency } from './catalog/efficiency.ts';
import { decoderModels, encoderModels, type DecoderModelId, type EncoderModelId } from './catalog/models.ts';
import { apiPrices, cloudGpuPrices, type ApiPrice, type ApiPriceId, type CloudGpuPrice } from './catalog/prices.ts';
import { figure, type Sourced } from './catalog/provenance.ts';
import { quantFormatIds, quantFormats, type QuantFormatId } from './catalog/quant.ts';
import { deviceSeconds, inferenceFlops } from './compute.ts';
import {
  cascadeCostPerRequestUsd,
  costPerRequestUsd,
  cpuMonthlyUsd,
  HOURS_PER_MONTH,
  monthlyProjection,
  onDeviceMonthlyUsd,
  replicasNeeded,
  selfHostedMonthlyUsd,
  type ProjectionRow,
} from './cost.ts';
import { formatBytes, formatDuration, formatPercent } from './format.ts';
import { decodeSecondsPerToken, endToEndLatencySeconds, prefillSeconds } from './latency.ts';
import {
  checkArchitecture,
  DEFAULT_MEMORY_HEADROOM,
  kvCacheBytes,
  kvFormatIds,
  memoryFit,
  weightBytes,
  type KvFormat,
} from './memory.ts';
import { mmcLatency, mmcResponseTimeQuantileSeconds } from './queueing.ts';
import type { SmallVerdict } from './small.ts';
import {
  bool,
  checkNumber,
  describeValue,
  efficiency,
  fraction,
  integerAtLeast,
  nonNegative,
  oneOf,
  positive,
  record,
} from './validate.ts';

// ───────────────────────────── kinds ─────────────────────────────

/**
 * What kind of model a candidate is. Small is not a synonym for "smaller language model": the
 * seed's menu of small things is classifiers, embedders, rerankers, vision models, classical ML and
 * small LMs; a frontier API and a cascade of two candidates complete the comparison.
 *
 * @example
 * candidateKinds.includes('RERANKER'); // true
 */
export const candidateKinds = [
  'CLASSIFIER',
  'EMBEDDER',
  'RERANKER',
  'VISION',
  'CLASSICAL',
  'SLM',
  'FRONTIER_API',
  'CASCADE',
] as const;
export type CandidateKind = (typeof candidateKinds)[number];

/**
 * How a candidate is deployed: a provider's API, self-hosted on GPUs or CPUs, or on the user's device.
 *
 * @example
 * deploymentKinds; // ['API', 'SELF_HOSTED', 'ON_DEVICE']
 */
export const deploymentKinds = ['API', 'SELF_HOSTED', 'ON_DEVICE'] as const;
export type DeploymentKind = (typeof deploymentKinds)[number];

/**
 * Where a deployment runs, from least to most control kept by the team: a third party's machines,
 * the team's own cloud account, its own machines, the user's device.
 *
 * @example
 * runsInKinds.indexOf('ON_PREM') > runsInKinds.indexOf('OWN_CLOUD'); // true: more control
 */
export const runsInKinds = ['THIRD_PARTY', 'OWN_CLOUD', 'ON_PREM', 'ON_DEVICE'] as const;
export type RunsIn = (typeof runsInKinds)[number];

/**
 * A task's locality requirement, from the loosest to the strictest (the validators' `LOCALITIES`).
 *
 * @example
 * taskLocalities[0]; // 'ANY': a third-party API is fine
 */
export const taskLocalities = ['ANY', 'OWN_CLOUD', 'ON_PREM', 'ON_DEVICE'] as const;
export type TaskLocality = (typeof taskLocalities)[number];

// ───────────────────────────── inputs ─────────────────────────────

/**
 * The task as the evaluation needs it, in SI units (seconds, bytes, US dollars).
 * Token counts are per request: typical (`inputTokens`, `outputTokens`) and 95th percentile.
 */
export interface TaskBudgets {
  /** Requests in the first month (≥ 0). */
  readonly monthlyRequests: number;
  /** Month-on-month growth as a fraction (> −1): 0.05 is +5 % a month. */
  readonly monthlyGrowth: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** ≥ inputTokens. */
  readonly inputTokensP95: number;
  /** ≥ outputTokens. */
  readonly outputTokensP95: number;
  /** Latency budgets (> 0), p99 ≥ p95. */
  readonly latencyP95Seconds: number;
  readonly latencyP99Seconds: number;
  readonly streaming: boolean;
  /** Time-to-first-token budget (> 0), checked only when streaming; null for none. */
  readonly ttftSeconds: number | null;
  /** A catalogue device the model must fit on, or null. */
  readonly targetDeviceId: DeviceId | null;
  /** Memory the model may use (> 0), or null. */
  readonly memoryBudgetBytes: number | null;
  readonly locality: TaskLocality;
  /** Jurisdictions data and inference may be in (codes such as `'EU'`); empty means any. */
  readonly jurisdictions: readonly string[];
  /** Monthly budget (≥ 0), or null for none. */
  readonly monthlyBudgetUsd: number | null;
  /** The quality a candidate must reach on the task's metric. */
  readonly qualityBar: number;
  readonly qualityHigherBetter: boolean;
}

/** A model in the catalogue: a decoder or an encoder. */
export type ModelId = DecoderModelId | EncoderModelId;

/**
 * A model: from the catalogue (decoders and encoders in `catalog/models.ts`) or custom. A custom
 * decoder needs its attention `architecture` for the KV cache; without it the KV cache is unknown.
 */
export type ModelRef =
  | { readonly catalogId: ModelId }
  | {
      readonly custom: {
        readonly name: string;
        /** Parameters (> 0). */
        readonly params: number;
        readonly architecture?: AttentionArchitecture;
      };
    };

/** Identifier of a cloud GPU price in `cloudGpuPrices`. */
export type GpuPriceId = string;

/** Self-hosting on GPUs: one GPU per replica. */
export interface GpuHardware {
  readonly gpu: {
    readonly deviceId: DeviceId;
    /** A catalogue price for this GPU; default the most recent catalogue price for the device. */
    readonly gpuPriceId?: GpuPriceId;
    /** A negotiated price per GPU-hour (≥ 0); overrides the catalogue. */
    readonly usdPerHour?: number;
    /** Model FLOPs utilisation in (0, 1]; default {@link DEFAULT_MFU}. */
    readonly mfu?: number;
    /** Memory bandwidth utilisation in (0, 1]; default by device class (`defaultDecodeEfficiency`). */
    readonly mbu?: number;
    /** Peak dense FLOP/s (> 0) for a device whose catalogue entry has none (A10G). */
    readonly peakFlops?: number;
  };
}

/** Self-hosting on CPUs, priced in vCPU-hours; a small encoder or a classical model. */
export interface CpuHardware {
  readonly cpu: {
    readonly usdPerVcpuHour: number;
    /** vCPU-seconds one request takes (> 0), measured or estimated by the team. */
    readonly vcpuSecondsPerRequest: number;
  };
}

/** A provider's API. Custom prices override the catalogue's (negotiated rates). */
export interface ApiSpec {
  readonly deployment: 'API';
  readonly priceId?: ApiPriceId;
  readonly usdPerMillionInputTokens?: number;
  readonly usdPerMillionOutputTokens?: number;
  /** A fee per request on top of tokens (≥ 0), e.g. per image. */
  readonly usdPerRequest?: number;
  /** The provider's time to first token (≥ 0), seconds. */
  readonly ttftSeconds?: number;
  /** The provider's decode speed (> 0), tokens per second. */
  readonly outputTokensPerSecond?: number;
  /** Where the provider processes the data, e.g. `'US'`. */
  readonly jurisdiction?: string;
}

/** The team's own GPUs or CPUs, in its cloud account or on its premises. */
export interface SelfHostedSpec {
  readonly deployment: 'SELF_HOSTED';
  readonly runsIn: 'OWN_CLOUD' | 'ON_PREM';
  readonly model: ModelRef;
  readonly format: QuantFormatId;
  /** KV-cache precision; default `'bf16'`. */
  readonly kvFormat?: KvFormat;
  readonly hardware: GpuHardware | CpuHardware;
  /** A fixed number of replicas (GPUs, or vCPUs on CPU hardware); otherwise computed for the peak. */
  readonly replicas?: number;
  /**
   * Sequences one GPU replica serves at once (integer ≥ 1); default the smallest batch that reaches
   * the replica's compute ceiling, within what fits in memory and vLLM's 256.
   */
  readonly maxConcurrency?: number;
  readonly jurisdiction?: string;
}

/** On the user's device: one request at a time, no queue. */
export interface OnDeviceSpec {
  readonly deployment: 'ON_DEVICE';
  readonly model: ModelRef;
  readonly format: QuantFormatId;
  readonly kvFormat?: KvFormat;
  readonly deviceId: DeviceId;
  /** Fixed monthly cost: model distribution, updates (≥ 0); default 0. */
  readonly fixedMonthlyUsd?: number;
  readonly mbu?: number;
  readonly mfu?: number;
  /** Peak FLOP/s (> 0) for a device whose catalogue entry has none (mid-tier Android). */
  readonly peakFlops?: number;
}

export type CandidateSpec = ApiSpec | SelfHostedSpec | OnDeviceSpec;

/** Figures from imported eval runs; each replaces the estimate and is labelled measured. */
export interface Measured {
  readonly quality?: { readonly value: number; readonly source: string; readonly sampleSize?: number };
  readonly latency?: {
    readonly p50Seconds: number;
    readonly p95Seconds: number;
    readonly p99Seconds: number;
    readonly samples: number;
    readonly source: string;
  };
}

/** Options of {@link evaluateCandidate}. */
export interface EvaluateOptions {
  readonly task: TaskBudgets;
  /** Any kind but `'CASCADE'` (see {@link evaluateCascade}). */
  readonly kind: CandidateKind;
  readonly spec: CandidateSpec;
  readonly measured?: Measured;
  /** Peak arrival rate over the mean (≥ 1); default {@link DEFAULT_PEAK_TO_MEAN_RATIO}. */
  readonly peakToMeanRatio?: number;
}

// ───────────────────────────── outputs ─────────────────────────────

/** How a figure was obtained. */
export type FigureBasis = 'estimated' | 'measured' | 'unknown';

/** One figure with its unit, basis and source (catalogue entry with as-of date, formula or import). */
export interface AxisFigure {
  /** Null when unknown. */
  readonly value: number | null;
  readonly unit: string;
  readonly basis: FigureBasis;
  readonly source: string;
}

/** An axis's verdict against the task's budget, with the reason in plain words and numbers. */
export interface AxisVerdict {
  readonly verdict: SmallVerdict;
  readonly reason: string;
}

/** Cost at the task's volume. */
export interface CostAxis extends AxisVerdict {
  /** Month-1 cost divided by month-1 requests: fixed costs included. */
  readonly perRequestUsd: AxisFigure;
  /** Month 1. */
  readonly monthlyUsd: AxisFigure;
  /** Months 1–12 with the task's growth. */
  readonly twelveMonthUsd: AxisFigure;
  /** The 12 months, or empty when the cost is unknown. */
  readonly projection: readonly ProjectionRow[];
  /** Self-hosted: GPU replicas, or vCPUs at peak; otherwise null. */
  readonly replicas: number | null;
}

/** Latency at the task's typical lengths and peak arrival rate. */
export interface LatencyAxis extends AxisVerdict {
  readonly ttftSeconds: AxisFigure;
  /** One request, typical lengths, no queueing (at the replica's planned batch). */
  readonly endToEndSeconds: AxisFigure;
  readonly p50Seconds: AxisFigure;
  readonly p95Seconds: AxisFigure;
  readonly p99Seconds: AxisFigure;
  /** Mean arrival rate × peak-to-mean ratio, requests/s. */
  readonly peakRequestsPerSecond: number;
  /** Share of capacity busy at peak (ρ), or null when not modelled. */
  readonly utilization: number | null;
  /** Sequences one replica serves at once, or null when not modelled. */
  readonly concurrency: number | null;
  /** False when the queue grows without bound at peak (the tail figures are then null). */
  readonly stable: boolean;
}

/** One memory check: the footprint against a device or a budget. */
export interface MemoryCheck {
  /** The device's name, or "the task's memory budget". */
  readonly against: string;
  readonly deviceId: DeviceId | null;
  readonly memoryBytes: number;
  /** After the headroom kept free (none for a memory budget). */
  readonly usableBytes: number;
  /** usable − required, with the KV cache left out when it is unknown. */
  readonly spareBytes: number;
  /** Null when the KV cache is unknown and the rest fits. */
  readonly fits: boolean | null;
}

/** Memory: weights + KV cache + runtime overhead, per replica or device. */
export interface MemoryAxis extends AxisVerdict {
  readonly weightBytes: AxisFigure;
  readonly kvCacheBytes: AxisFigure;
  readonly runtimeOverheadBytes: AxisFigure;
  readonly totalBytes: AxisFigure;
  /** The device the model runs on (a GPU or the user's device), or null. */
  readonly deviceId: DeviceId | null;
  readonly checks: readonly MemoryCheck[];
}

/** Control and locality: where it runs and in which jurisdiction. */
export interface ControlAxis extends AxisVerdict {
  readonly runsIn: RunsIn;
  /** Null when not stated (and for on-device, where the data stays with the user). */
  readonly jurisdiction: string | null;
}

/** Quality on the task's metric: measured only. */
export interface QualityAxis extends AxisVerdict {
  readonly value: AxisFigure;
}

/** Everything the comparison page shows for one candidate, and what a decision snapshot freezes. */
export interface CandidateEvaluation {
  readonly kind: CandidateKind;
  /** Null for a cascade. */
  readonly deployment: DeploymentKind | null;
  readonly label: string;
  readonly cost: CostAxis;
  readonly latency: LatencyAxis;
  readonly memory: MemoryAxis;
  readonly control: ControlAxis;
  readonly quality: QualityAxis;
  /** For a cascade, the share of requests sent on to the large model; otherwise null. */
  readonly escalationRate: number | null;
  /** Every default the figures rest on, with its source. */
  readonly assumptions: readonly string[];
}

// ───────────────────────────── constants ─────────────────────────────

/**
 * Seconds in an average month, `HOURS_PER_MONTH × 3600` (365 × 24 / 12 h), so that request rates
 * and GPU-hours describe the same month.
 *
 * @example
 * 3e6 / SECONDS_PER_MONTH; // ≈ 1.14 requests/s on average for 3 million requests a month
 */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/**
 * Months in the cost projection.
 *
 * @example
 * evaluateCandidate(options).cost.projection.length === PROJECTION_MONTHS; // true when the cost is known
 */
export const PROJECTION_MONTHS = 12;

/**
 * Default peak-to-mean ratio of the arrival rate: 2. Users sleep and work, so the busiest hour
 * carries more than the mean; a globally spread user base shows 1.6–1.7, and a single-region one
 * active about 16 hours a day peaks near 4/π × 24/16 ≈ 1.9 with an elliptical daily curve. 2 is the
 * round value just above both.
 *
 * @example
 * (3e6 / SECONDS_PER_MONTH) * DEFAULT_PEAK_TO_MEAN_RATIO.value; // ≈ 2.28 requests/s at peak
 */
export const DEFAULT_PEAK_TO_MEAN_RATIO: Sourced<number> = figure(2, {
  source:
    "derived: robustperception.io, 'Do you know your peak to mean ratio?' ('for a globally distributed user base somewhere in the range of 1.6 to 1.7 is typical'); justinparrtech.com elliptical distribution curve, peak = 4V / (πt), i.e. 4/π × 24/16 ≈ 1.9 for 16 active hours a day; rounded up to 2",
  status: 'estimate',
});

/**
 * Share of a replica's peak throughput planned for at the peak hour: 70 %. A planning margin
 * chosen here, not a measured figure: the reference warns that closed-form M/M/c tails are
 * optimistic near saturation, because continuous batching slows service as load rises.
 *
 * @example
 * replicasNeeded({ peakRequestsPerSecond: 2.28, requestsPerSecondPerReplica: 3, targetUtilization: DEFAULT_TARGET_UTILIZATION.value }); // 2
 */
export const DEFAULT_TARGET_UTILIZATION: Sourced<number> = figure(0.7, {
  source:
    'planning margin chosen here; reference latency_modeling.queueing.caveat: continuous batching makes service time load-dependent, so closed-form M/M/c tails are optimistic near saturation (dzone.com queueing article; inference-fleet-sim, arXiv 2603.16054)',
  status: 'estimate',
});

/**
 * Runtime memory beyond weights and KV cache (activations, serving framework, CUDA context), as a
 * share of the weights: 20 %, the middle of the 15–25 % that activations (5–10 %) and the serving
 * stack (10–15 %) take. BentoML's sizing guide uses the same 20 % (there with the KV cache folded
 * in, which is counted separately here).
 *
 * @example
 * RUNTIME_OVERHEAD_SHARE.value * 4.17e9; // ≈ 0.83 GB on top of 4.17 GB of int4 weights
 */
export const RUNTIME_OVERHEAD_SHARE: Sourced<number> = figure(0.2, {
  source:
    "derived: middle of 15–25 % of weight memory, activations 5–10 % + serving framework 10–15 % (tianpan.co, 'GPU Memory Math for Multi-Model Serving', 2026-04-10); bentoml.com 'Calculating GPU memory for serving LLMs' uses 20 %",
  status: 'estimate',
  asOf: '2026-04-10',
});

/**
 * Most sequences one GPU replica runs at once: 256, vLLM's default `max_num_seqs`. vLLM sizes its
 * KV pool from `gpu_memory_utilization` 0.90 of the GPU, the same 10 % headroom as `memoryFit`.
 *
 * @example
 * MAX_CONCURRENCY_CAP.value; // 256
 */
export const MAX_CONCURRENCY_CAP: Sourced<number> = figure(256, {
  source: 'vLLM EngineArgs / SchedulerConfig defaults: max_num_seqs = 256, gpu_memory_utilization = 0.90',
  status: 'confirmed',
});

/**
 * Largest score {@link radarScores} returns: twice the budget. Beyond that a radar chart would be
 * squashed by one far-off figure, and "more than twice over budget" is reading enough.
 *
 * @example
 * Math.min(RADAR_SCORE_CAP, 7); // 2
 */
export const RADAR_SCORE_CAP = 2;

const LN20 = Math.log(20);
const LN5 = Math.log(5);
/** mmcLatency's limit on servers; beyond it waiting is negligible at any planned utilisation. */
const MAX_QUEUE_SERVERS = 100_000;
const TAIL_SOURCE =
  'M/M/c (Erlang C) at the peak arrival rate, exponential service times with the end-to-end time as mean (reference latency_modeling.queueing: p95 ≈ 3.0×, p99 ≈ 4.6× the mean at low load)';

const GENERATIVE: readonly CandidateKind[] = ['SLM', 'FRONTIER_API'];

// ───────────────────────────── text ─────────────────────────────

const usdFormats = new Map<number, Intl.NumberFormat>();

/** "USD 1,840", "USD 12.50", "USD 0.0045": whole dollars from 100 up, cents above 1, 3 significant digits below. */
function usd(value: number): string {
  const key = value >= 100 ? 0 : value >= 1 ? 2 : -3;
  let f = usdFormats.get(key);
  if (f === undefined) {
    f =
      key === -3
        ? new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 })
        : new Intl.NumberFormat('en-US', { minimumFractionDigits: key, maximumFractionDigits: key });
    usdFormats.set(key, f);
  }
  return `USD ${f.format(value)}`;
}

const seconds = (value: number): string => formatDuration(value);
const bytes = (value: number): string => formatBytes(value);
const percent = (share: number): string => formatPercent(share);
const countFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const count = (value: number): string => countFormat.format(value);

const fig = (value: number, unit: string, basis: FigureBasis, source: string): AxisFigure => ({
  value,
  unit,
  basis,
  source,
});
const unknownFig = (unit: string, source: string): AxisFigure => ({ value: null, unit, basis: 'unknown', source });

const asOf = (p: { readonly asOf: string }): string => `as of ${p.asOf}`;

// ───────────────────────────── validation ─────────────────────────────

function text(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError(`${name} must be a non-empty string, got ${describeValue(value)}`);
  }
  return value;
}

function atLeast(name: string, value: number, otherName: string, other: number): number {
  if (value < other) throw new RangeError(`${name} must be >= ${otherName} (${other}), got ${value}`);
  return value;
}

function checkTask(task: TaskBudgets): TaskBudgets {
  record('task', task);
  nonNegative('task.monthlyRequests', task.monthlyRequests);
  checkNumber('task.monthlyGrowth', task.monthlyGrowth, { min: -1, minExclusive: true });
  const input = nonNegative('task.inputTokens', task.inputTokens);
  const output = nonNegative('task.outputTokens', task.outputTokens);
  atLeast('task.inputTokensP95', nonNegative('task.inputTokensP95', task.inputTokensP95), 'task.inputTokens', input);
  atLeast(
    'task.outputTokensP95',
    nonNegative('task.outputTokensP95', task.outputTokensP95),
    'task.outputTokens',
    output,
  );
  const p95 = positive('task.latencyP95Seconds', task.latencyP95Seconds);
  atLeast(
    'task.latencyP99Seconds',
    positive('task.latencyP99Seconds', task.latencyP99Seconds),
    'task.latencyP95Seconds',
    p95,
  );
  bool('task.streaming', task.streaming);
  if (task.ttftSeconds !== null) positive('task.ttftSeconds', task.ttftSeconds);
  if (task.targetDeviceId !== null) oneOf('task.targetDeviceId', task.targetDeviceId, deviceIds);
  if (task.memoryBudgetBytes !== null) positive('task.memoryBudgetBytes', task.memoryBudgetBytes);
  oneOf('task.locality', task.locality, taskLocalities);
  if (!Array.isArray(task.jurisdictions)) {
    throw new RangeError(`task.jurisdictions must be an array of strings, got ${describeValue(task.jurisdictions)}`);
  }
  task.jurisdictions.forEach((j, i) => text(`task.jurisdictions[${i}]`, j));
  if (task.monthlyBudgetUsd !== null) nonNegative('task.monthlyBudgetUsd', task.monthlyBudgetUsd);
  checkNumber('task.qualityBar', task.qualityBar);
  bool('task.qualityHigherBetter', task.qualityHigherBetter);
  return task;
}

function checkMeasured(measured: Measured | undefined): Measured | undefined {
  if (measured === undefined) return undefined;
  record('measured', measured);
  if (measured.quality !== undefined) {
    record('measured.quality', measured.quality);
    checkNumber('measured.quality.value', measured.quality.value);
    text('measured.quality.source', measured.quality.source);
    if (measured.quality.sampleSize !== undefined) {
      integerAtLeast('measured.quality.sampleSize', measured.quality.sampleSize, 1);
    }
  }
  if (measured.latency !== undefined) {
    const l = record('measured.latency', measured.latency);
    const p50 = nonNegative('measured.latency.p50Seconds', l.p50Seconds);
    const p95 = atLeast(
      'measured.latency.p95Seconds',
      nonNegative('measured.latency.p95Seconds', l.p95Seconds),
      'measured.latency.p50Seconds',
      p50,
    );
    atLeast(
      'measured.latency.p99Seconds',
      nonNegative('measured.latency.p99Seconds', l.p99Seconds),
      'measured.latency.p95Seconds',
      p95,
    );
    integerAtLeast('measured.latency.samples', l.samples, 1);
    text('measured.latency.source', l.source);
  }
  return measured;
}

/** A model resolved from the catalogue or a custom description. */
interface ResolvedModel {
  readonly name: string;
  readonly params: number;
  /** Attention shape for the KV cache, or null (encoders; custom models without one). */
  readonly architecture: AttentionArchitecture | null;
  readonly source: string;
}

const catalogueModelIds: readonly ModelId[] = [...decoderModels.map((m) => m.id), ...encoderModels.map((m) => m.id)];

function resolveModel(ref: ModelRef, kind: CandidateKind): ResolvedModel {
  record('spec.model', ref);
  const generative = GENERATIVE.includes(kind);
  if ('catalogId' in ref) {
    const id = oneOf('spec.model.catalogId', ref.catalogId, catalogueModelIds);
    const decoder = decoderModels.find((m) => m.id === id);
    if (decoder !== undefined) {
      return {
        name: decoder.name,
        params: decoder.params.value,
        architecture: decoder.architecture,
        source: `${decoder.name}: ${decoder.params.value.toLocaleString('en-US')} parameters (${decoder.params.source}); config ${decoder.architecture.source}`,
      };
    }
    const enc = encoderModels.find((m) => m.id === id) as (typeof encoderModels)[number];
    if (generative) {
      throw new RangeError(`spec.model.catalogId must name a decoder model for kind '${kind}', got '${id}'`);
    }
    return {
      name: enc.name,
      params: enc.params.value,
      architecture: null,
      source: `${enc.name}: ${enc.params.value.toLocaleString('en-US')} parameters (${enc.params.source})`,
    };
  }
  if (!('custom' in ref)) {
    throw new RangeError(`spec.model must have catalogId or custom, got ${describeValue(ref)}`);
  }
  const custom = record('spec.model.custom', ref.custom);
  const name = text('spec.model.custom.name', custom.name);
  const params = positive('spec.model.custom.params', custom.params);
  const architecture = custom.architecture === undefined ? null : checkArchitecture(custom.architecture);
  return { name, params, architecture, source: `${name}: ${count(params)} parameters (entered)` };
}

// ───────────────────────────── shared pieces ─────────────────────────────

interface Load {
  readonly meanRequestsPerSecond: number;
  readonly peakRequestsPerSecond: number;
  readonly peakToMeanRatio: number;
}

/** Verdict of a cost against the task's monthly budget, with the growth outlook. */
function costVerdict(monthly: number | null, projection: readonly ProjectionRow[], task: TaskBudgets): AxisVerdict {
  if (monthly === null) return { verdict: 'UNKNOWN', reason: 'The cost is unknown.' };
  const budget = task.monthlyBudgetUsd;
  if (budget === null) {
    return {
      verdict: 'UNKNOWN',
      reason: `${usd(monthly)} a month; the task has no monthly budget to check it against.`,
    };
  }
  if (monthly > budget) {
    return { verdict: 'FAIL', reason: `${usd(monthly)} a month exceeds the ${usd(budget)} budget.` };
  }
  const over = projection.find((row) => row.totalUsd > budget);
  const outlook =
    over === undefined
      ? ''
      : ` At ${percent(task.monthlyGrowth)} growth a month it passes the budget in month ${over.month} (${usd(over.totalUsd)}).`;
  return { verdict: 'PASS', reason: `${usd(monthly)} a month is within the ${usd(budget)} budget.${outlook}` };
}

function costAxis(
  perRequest: AxisFigure,
  monthly: AxisFigure,
  projection: readonly ProjectionRow[],
  replicas: number | null,
  task: TaskBudgets,
  unknownReason?: string,
): CostAxis {
  const last = projection[projection.length - 1];
  const twelve =
    last === undefined || monthly.value === null
      ? unknownFig('USD over 12 months', monthly.source)
      : fig(
          last.cumulativeUsd,
          'USD over 12 months',
          monthly.basis,
          `months 1–${PROJECTION_MONTHS} at ${percent(task.monthlyGrowth)} growth a month (monthlyProjection)`,
        );
  const verdict =
    monthly.value === null && unknownReason !== undefined
      ? { verdict: 'UNKNOWN' as const, reason: unknownReason }
      : costVerdict(monthly.value, projection, task);
  return { perRequestUsd: perRequest, monthlyUsd: monthly, twelveMonthUsd: twelve, projection, replicas, ...verdict };
}

/**
 * Month-1 cost spread over month-1 requests; unknown when there are none (or so few that the
 * quotient overflows), so that no figure is ever infinite.
 */
function allInPerRequest(monthly: number, requests: number, source: string): AxisFigure {
  const value = requests > 0 ? monthly / requests : Number.NaN;
  return Number.isFinite(value)
    ? fig(value, 'USD per request', 'estimated', source)
    : unknownFig('USD per request', 'too few requests in month 1 to spread the monthly cost over');
}

interface LatencyFigures {
  readonly ttft: AxisFigure;
  readonly endToEnd: AxisFigure;
  readonly p50: AxisFigure;
  readonly p95: AxisFigure;
  readonly p99: AxisFigure;
  readonly utilization: number | null;
  readonly concurrency: number | null;
  readonly stable: boolean;
  /** Said when the tail is unknown: what to enter or import. */
  readonly unknownReason?: string;
  /** Said when unstable: the capacity shortfall. */
  readonly unstableReason?: string;
}

/** Latency that cannot be estimated, saying why (every figure unknown, the queue not modelled). */
const unknownLatency = (why: string, concurrency: number | null): LatencyFigures => {
  const none = unknownFig('seconds', why);
  return {
    ttft: none,
    endToEnd: none,
    p50: none,
    p95: none,
    p99: none,
    utilization: null,
    concurrency,
    stable: true,
    unknownReason: `Latency unknown: ${why}.`,
  };
};

/** Replaces the estimated percentiles with measured ones. */
function withMeasuredLatency(f: LatencyFigures, measured: Measured['latency']): LatencyFigures {
  if (measured === undefined) return f;
  const source = `${measured.source} (${measured.samples.toLocaleString('en-US')} samples)`;
  return {
    ...f,
    p50: fig(measured.p50Seconds, 'seconds', 'measured', source),
    p95: fig(measured.p95Seconds, 'seconds', 'measured', source),
    p99: fig(measured.p99Seconds, 'seconds', 'measured', source),
    stable: true,
  };
}

function latencyVerdict(f: LatencyFigures, task: TaskBudgets): AxisVerdict {
  const budgets = `the ${seconds(task.latencyP95Seconds)} p95 and ${seconds(task.latencyP99Seconds)} p99 budgets`;
  if (!f.stable) {
    return { verdict: 'FAIL', reason: f.unstableReason ?? 'The queue grows without bound at the peak arrival rate.' };
  }
  const p95 = f.p95.value;
  const p99 = f.p99.value;
  if (p95 === null || p99 === null) {
    return {
      verdict: 'UNKNOWN',
      reason: f.unknownReason ?? "Latency unknown: enter the provider's TTFT and tokens/s or import measured latency.",
    };
  }
  const failures: string[] = [];
  if (p95 > task.latencyP95Seconds)
    failures.push(`p95 ${seconds(p95)} exceeds the ${seconds(task.latencyP95Seconds)} budget`);
  if (p99 > task.latencyP99Seconds)
    failures.push(`p99 ${seconds(p99)} exceeds the ${seconds(task.latencyP99Seconds)} budget`);
  const ttftBudget = task.streaming ? task.ttftSeconds : null;
  const ttft = f.ttft.value;
  if (ttftBudget !== null && ttft !== null && ttft > ttftBudget) {
    failures.push(`time to first token ${seconds(ttft)} exceeds the ${seconds(ttftBudget)} budget`);
  }
  const basis = f.p95.basis === 'measured' ? 'measured' : 'estimated';
  if (failures.length > 0) return { verdict: 'FAIL', reason: `${capitalise(failures.join('; '))} (${basis}).` };
  if (ttftBudget !== null && ttft === null) {
    return {
      verdict: 'UNKNOWN',
      reason: `p95 ${seconds(p95)} and p99 ${seconds(p99)} are within ${budgets}, but the time to first token is unknown against its ${seconds(ttftBudget)} budget.`,
    };
  }
  const ttftText =
    ttftBudget !== null && ttft !== null ? `, first token ${seconds(ttft)} within ${seconds(ttftBudget)}` : '';
  return {
    verdict: 'PASS',
    reason: `p95 ${seconds(p95)} and p99 ${seconds(p99)} (${basis}) are within ${budgets}${ttftText}.`,
  };
}

function latencyAxis(f: LatencyFigures, load: Load, task: TaskBudgets): LatencyAxis {
  return {
    ttftSeconds: f.ttft,
    endToEndSeconds: f.endToEnd,
    p50Seconds: f.p50,
    p95Seconds: f.p95,
    p99Seconds: f.p99,
    peakRequestsPerSecond: load.peakRequestsPerSecond,
    utilization: f.utilization,
    concurrency: f.concurrency,
    stable: f.stable,
    ...latencyVerdict(f, task),
  };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Tail of a response time with no queueing: the spread of service times alone, modelled as for the
 * queue (exponential with the end-to-end time as mean).
 */
function unqueuedTail(serviceSeconds: number, source: string): Pick<LatencyFigures, 'p50' | 'p95' | 'p99'> {
  const at = (quantile: number) =>
    mmcResponseTimeQuantileSeconds({
      arrivalRatePerSecond: 0,
      serviceRatePerSecond: 1 / serviceSeconds,
      servers: 1,
      quantile,
    });
  return {
    p50: fig(at(0.5), 'seconds', 'estimated', source),
    p95: fig(at(0.95), 'seconds', 'estimated', source),
    p99: fig(at(0.99), 'seconds', 'estimated', source),
  };
}

/** Quantiles of the M/M/c response time with c = servers, or the unqueued tail when c is beyond mmcLatency's range. */
function queuedTail(
  arrival: number,
  perServerRate: number,
  servers: number,
  source: string,
): Pick<LatencyFigures, 'p50' | 'p95' | 'p99' | 'utilization' | 'stable'> {
  const utilization = arrival / (servers * perServerRate);
  if (servers > MAX_QUEUE_SERVERS && utilization < 1) {
    return {
      ...unqueuedTail(
        1 / perServerRate,
        `${source}; with over ${count(MAX_QUEUE_SERVERS)} servers waiting is negligible`,
      ),
      utilization,
      stable: true,
    };
  }
  const q = mmcLatency({
    arrivalRatePerSecond: arrival,
    serviceRatePerSecond: perServerRate,
    servers: Math.min(servers, MAX_QUEUE_SERVERS),
  });
  if (!q.stable) {
    const none = unknownFig('seconds', `${source}: unbounded, arrivals exceed capacity`);
    return { p50: none, p95: none, p99: none, utilization: q.utilization, stable: false };
  }
  return {
    p50: fig(q.p50Seconds, 'seconds', 'estimated', source),
    p95: fig(q.p95Seconds, 'seconds', 'estimated', source),
    p99: fig(q.p99Seconds, 'seconds', 'estimated', source),
    utilization: q.utilization,
    stable: true,
  };
}

function qualityAxis(task: TaskBudgets, measured: Measured['quality']): QualityAxis {
  if (measured === undefined) {
    return {
      value: unknownFig('task metric', 'no eval run imported'),
      verdict: 'UNKNOWN',
      reason: 'No measured quality: import an eval run. Quality is never estimated.',
    };
  }
  const n = measured.sampleSize === undefined ? '' : `, ${measured.sampleSize.toLocaleString('en-US')} samples`;
  const value = fig(measured.value, 'task metric', 'measured', `${measured.source}${n}`);
  const ok = task.qualityHigherBetter ? measured.value >= task.qualityBar : measured.value <= task.qualityBar;
  const direction = task.qualityHigherBetter ? 'higher is better' : 'lower is better';
  return {
    value,
    verdict: ok ? 'PASS' : 'FAIL',
    reason: `Measured ${count(measured.value)} (${measured.source}${n}) ${ok ? 'meets' : 'misses'} the bar of ${count(task.qualityBar)} (${direction}).`,
  };
}

const LOCALITY_RANK: Readonly<Record<TaskLocality, number>> = { ANY: 0, OWN_CLOUD: 1, ON_PREM: 2, ON_DEVICE: 3 };
const RUNS_IN_RANK: Readonly<Record<RunsIn, number>> = { THIRD_PARTY: 0, OWN_CLOUD: 1, ON_PREM: 2, ON_DEVICE: 3 };
const RUNS_IN_TEXT: Readonly<Record<RunsIn, string>> = {
  THIRD_PARTY: "on a third party's machines",
  OWN_CLOUD: 'in your own cloud account',
  ON_PREM: 'on your own machines',
  ON_DEVICE: "on the user's device",
};
const LOCALITY_TEXT: Readonly<Record<TaskLocality, string>> = {
  ANY: 'allows any location',
  OWN_CLOUD: 'requires your own cloud account or stricter',
  ON_PREM: 'requires your own machines or the device',
  ON_DEVICE: "requires the user's device",
};

/**
 * Whether a deployment location satisfies a task's locality requirement. The requirements are
 * ordered: the user's device satisfies every one; own machines satisfy ON_PREM, OWN_CLOUD and ANY;
 * an own cloud account OWN_CLOUD and ANY; a third party only ANY.
 *
 * @throws RangeError naming `runsIn` or `locality` when either is unknown.
 * @example
 * localitySatisfies('ON_PREM', 'OWN_CLOUD'); // true
 * localitySatisfies('THIRD_PARTY', 'OWN_CLOUD'); // false
 */
export function localitySatisfies(runsIn: RunsIn, locality: TaskLocality): boolean {
  const where = oneOf('runsIn', runsIn, runsInKinds);
  const need = oneOf('locality', locality, taskLocalities);
  return RUNS_IN_RANK[where] >= LOCALITY_RANK[need];
}

/** EU member states are all in the EEA, so data kept in the EU satisfies an EEA restriction. */
function jurisdictionAllowed(jurisdiction: string, allowed: readonly string[]): boolean {
  return allowed.includes(jurisdiction) || (jurisdiction === 'EU' && allowed.includes('EEA'));
}

function controlAxis(runsIn: RunsIn, jurisdiction: string | null, who: string, task: TaskBudgets): ControlAxis {
  const where = `${capitalise(who)} runs ${RUNS_IN_TEXT[runsIn]}`;
  const place =
    runsIn === 'ON_DEVICE' ? '' : jurisdiction === null ? ', jurisdiction not stated' : ` in ${jurisdiction}`;
  const allowed = task.jurisdictions;
  const need = `the task ${LOCALITY_TEXT[task.locality]}${allowed.length > 0 ? ` and data in ${allowed.join(' or ')}` : ''}`;
  const base = { runsIn, jurisdiction: runsIn === 'ON_DEVICE' ? null : jurisdiction };
  if (!localitySatisfies(runsIn, task.locality)) {
    return { ...base, verdict: 'FAIL', reason: `${where}${place}; ${need}.` };
  }
  if (allowed.length === 0 || runsIn === 'ON_DEVICE') {
    const stays = runsIn === 'ON_DEVICE' && allowed.length > 0 ? ' (the data stays on the device)' : '';
    return { ...base, verdict: 'PASS', reason: `${where}${place}; ${need}${stays}.` };
  }
  if (jurisdiction === null) {
    return {
      ...base,
      verdict: 'UNKNOWN',
      reason: `${where}, jurisdiction not stated; ${need}: enter where it processes the data.`,
    };
  }
  return jurisdictionAllowed(jurisdiction, allowed)
    ? { ...base, verdict: 'PASS', reason: `${where}${place}; ${need}.` }
    : { ...base, verdict: 'FAIL', reason: `${where}${place}; ${need}: ${jurisdiction} is not allowed.` };
}

// ───────────────────────────── memory ─────────────────────────────

interface Footprint {
  readonly weights: number;
  /** Null when unknown (a custom decoder without architecture). */
  readonly kv: number | null;
  readonly overhead: number;
}

function memoryChecks(footprint: Footprint, ownDevice: Device | null, task: TaskBudgets): MemoryCheck[] {
  const checks: MemoryCheck[] = [];
  const check = (against: string, deviceId: DeviceId | null, memoryBytes: number, headroom: number) => {
    const fit = memoryFit({
      memoryBytes,
      weightBytes: footprint.weights,
      kvBytes: footprint.kv ?? 0,
      runtimeOverheadBytes: footprint.overhead,
      headroom,
    });
    checks.push({
      against,
      deviceId,
      memoryBytes,
      usableBytes: fit.usableBytes,
      spareBytes: fit.spareBytes,
      fits: fit.fits ? (footprint.kv === null ? null : true) : false,
    });
  };
  if (ownDevice !== null) check(ownDevice.name, ownDevice.id, ownDevice.memoryBytes.value, DEFAULT_MEMORY_HEADROOM);
  if (task.targetDeviceId !== null && task.targetDeviceId !== ownDevice?.id) {
    const target = deviceById(task.targetDeviceId);
    check(`${target.name} (the task's target device)`, target.id, target.memoryBytes.value, DEFAULT_MEMORY_HEADROOM);
  }
  if (task.memoryBudgetBytes !== null) check("the task's memory budget", null, task.memoryBudgetBytes, 0);
  return checks;
}

function memoryVerdict(
  total: number | null,
  lowerBound: number,
  checks: readonly MemoryCheck[],
  kvNote: string,
): AxisVerdict {
  const need = total === null ? `at least ${bytes(lowerBound)} (KV cache unknown)` : bytes(total);
  const describe = (c: MemoryCheck) =>
    c.deviceId === null
      ? `${c.against} of ${bytes(c.memoryBytes)}`
      : `${c.against} (${bytes(c.usableBytes)} usable after ${percent(DEFAULT_MEMORY_HEADROOM)} headroom)`;
  const failing = checks.filter((c) => c.fits === false);
  if (failing.length > 0) {
    return { verdict: 'FAIL', reason: `Needs ${need}, more than ${failing.map(describe).join(' and ')} holds.` };
  }
  if (checks.length === 0) {
    return {
      verdict: 'UNKNOWN',
      reason: `Needs ${need}; the task names no target device or memory budget to check it against.`,
    };
  }
  if (total === null) {
    return {
      verdict: 'UNKNOWN',
      reason: `Weights and runtime (${bytes(lowerBound)}) fit ${checks.map(describe).join(' and ')}, but ${kvNote}`,
    };
  }
  const spare = Math.min(...checks.map((c) => c.spareBytes));
  return {
    verdict: 'PASS',
    reason: `${bytes(total)} fits ${checks.map(describe).join(' and ')}, ${bytes(spare)} to spare.`,
  };
}

// ───────────────────────────── serving model ─────────────────────────────

/** The device and efficiencies a self-hosted or on-device model runs with. */
interface Roofline {
  /** Null when neither the catalogue nor the spec gives the peak. */
  readonly peakFlops: number | null;
  readonly mfu: number;
  readonly bandwidth: number;
  readonly mbu: number;
}

/** Times of one replica for the task's typical request at a batch of n sequences. */
interface Serving {
  /** Prefill, or one forward pass for a non-generative model. */
  readonly ttftSeconds: number;
  /** End to end at a batch of n: the service time of the queue. */
  readonly serviceSeconds: (n: number) => number;
  /** Most requests/s one replica completes, by compute (2N FLOPs per token). */
  readonly computeCeiling: number;
}

function servingOf(
  model: ResolvedModel,
  weights: number,
  kvPerSequence: number,
  roof: Roofline & { peakFlops: number },
  task: TaskBudgets,
  generative: boolean,
): Serving {
  const { peakFlops, mfu, bandwidth, mbu } = roof;
  const readWeights = decodeSecondsPerToken({
    weightBytes: weights,
    kvBytes: 0,
    bandwidthBytesPerSecond: bandwidth,
    efficiency: mbu,
  });
  const prefill = (tokens: number) =>
    Math.max(prefillSeconds({ params: model.params, promptTokens: tokens, peakFlops, utilization: mfu }), readWeights);
  const tokensPerRequest = task.inputTokens + (generative ? task.outputTokens : 0);
  const flops = inferenceFlops(model.params, tokensPerRequest);
  const computeCeiling =
    flops === 0 ? Number.POSITIVE_INFINITY : 1 / deviceSeconds(flops, { peakFlops, utilization: mfu });
  if (!generative) {
    // One forward pass; a batch of n reads the weights once and computes n prompts.
    return {
      ttftSeconds: prefill(task.inputTokens),
      serviceSeconds: (n) => prefill(n * task.inputTokens),
      computeCeiling,
    };
  }
  const ttft = prefill(task.inputTokens);
  const step = (n: number) =>
    Math.max(
      decodeSecondsPerToken({
        weightBytes: weights,
        kvBytes: n * kvPerSequence,
        bandwidthBytesPerSecond: bandwidth,
        efficiency: mbu,
      }),
      deviceSeconds(inferenceFlops(model.params, n), { peakFlops, utilization: mfu }),
    );
  return {
    ttftSeconds: ttft,
    serviceSeconds: (n) =>
      endToEndLatencySeconds({ ttftSeconds: ttft, tpotSeconds: step(n), outputTokens: task.outputTokens }),
    computeCeiling,
  };
}

/** Requests/s of a replica running n sequences at once: n / S(n), capped by compute. */
const throughputAt = (s: Serving, n: number): number => Math.min(n / s.serviceSeconds(n), s.computeCeiling);

/**
 * The default number of sequences a GPU replica serves at once: the smallest batch whose throughput
 * reaches the compute ceiling (the roofline's knee: a larger batch adds latency and no throughput),
 * at most `limit` (what fits in memory, and vLLM's 256).
 */
function defaultConcurrencyOf(s: Serving, limit: number): number {
  for (let n = 1; n <= limit; n += 1) {
    if (n / s.serviceSeconds(n) >= s.computeCeiling * (1 - 1e-9)) return n;
  }
  return limit;
}

// ───────────────────────────── evaluateCandidate ─────────────────────────────

const apiPriceIds: readonly ApiPriceId[] = apiPrices.map((p) => p.id);
const gpuPriceIds: readonly string[] = cloudGpuPrices.map((p) => p.id);

function defaultGpuPrice(deviceId: DeviceId): CloudGpuPrice | null {
  let best: CloudGpuPrice | null = null;
  for (const p of cloudGpuPrices) {
    if (p.deviceId !== deviceId) continue;
    // Most recent first; a year-only date sorts before that year's months, as the less precise one.
    if (best === null || p.asOf > best.asOf) best = p;
  }
  return best;
}

interface Context {
  readonly task: TaskBudgets;
  readonly kind: CandidateKind;
  readonly load: Load;
  readonly measured: Measured | undefined;
  readonly assumptions: string[];
}

function evaluateApi(spec: ApiSpec, ctx: Context): CandidateEvaluation {
  const { task, load } = ctx;
  const priceId = spec.priceId === undefined ? null : oneOf('spec.priceId', spec.priceId, apiPriceIds);
  const price: ApiPrice | null = priceId === null ? null : (apiPrices.find((p) => p.id === priceId) as ApiPrice);
  const inPrice =
    spec.usdPerMillionInputTokens !== undefined
      ? nonNegative('spec.usdPerMillionInputTokens', spec.usdPerMillionInputTokens)
      : (price?.inputUsdPerMillion ?? null);
  const outPrice =
    spec.usdPerMillionOutputTokens !== undefined
      ? nonNegative('spec.usdPerMillionOutputTokens', spec.usdPerMillionOutputTokens)
      : (price?.outputUsdPerMillion ?? null);
  const fee = spec.usdPerRequest === undefined ? 0 : nonNegative('spec.usdPerRequest', spec.usdPerRequest);
  const ttftIn = spec.ttftSeconds === undefined ? null : nonNegative('spec.ttftSeconds', spec.ttftSeconds);
  const tps =
    spec.outputTokensPerSecond === undefined
      ? null
      : positive('spec.outputTokensPerSecond', spec.outputTokensPerSecond);
  const jurisdiction = spec.jurisdiction === undefined ? null : text('spec.jurisdiction', spec.jurisdiction);
  const label = price === null ? 'API (entered prices)' : `${price.model} (${price.provider})`;

  // Cost: tokens × prices at the typical lengths.
  let cost: CostAxis;
  if (inPrice === null || outPrice === null) {
    const none = unknownFig('USD per request', 'no price: choose a catalogue price or enter the provider’s');
    cost = costAxis(
      none,
      unknownFig('USD per month', none.source),
      [],
      null,
      task,
      "Cost unknown: choose a catalogue price or enter the provider's prices per million tokens.",
    );
  } else {
    const priceSource = (which: 'input' | 'output', entered: boolean) =>
      entered || price === null
        ? `${which} price entered`
        : `${price.id} ${which} price, ${asOf(price)} (${price.source})`;
    const source = [
      `${count(task.inputTokens)} input × USD ${inPrice}/M + ${count(task.outputTokens)} output × USD ${outPrice}/M`,
      priceSource('input', spec.usdPerMillionInputTokens !== undefined),
      priceSource('output', spec.usdPerMillionOutputTokens !== undefined),
      ...(fee > 0 ? [`plus USD ${fee} per request`] : []),
    ].join('; ');
    const perRequest =
      costPerRequestUsd({
        inputTokens: task.inputTokens,
        outputTokens: task.outputTokens,
        inputUsdPerMillion: inPrice,
        outputUsdPerMillion: outPrice,
      }) + fee;
    const projection = monthlyProjection({
      requestsPerMonth: task.monthlyRequests,
      growthPerMonth: task.monthlyGrowth,
      months: PROJECTION_MONTHS,
      costPerRequestUsd: perRequest,
    });
    cost = costAxis(
      fig(perRequest, 'USD per request', 'estimated', source),
      fig(
        perRequest * task.monthlyRequests,
        'USD per month',
        'estimated',
        `${count(task.monthlyRequests)} requests × per-request cost`,
      ),
      projection,
      null,
      task,
    );
    if (price?.flagged !== undefined) ctx.assumptions.push(`Price flagged in the catalogue: ${price.flagged}`);
  }

  // Latency: the provider's figures, no queueing on its side.
  let lat: LatencyFigures;
  const needTps = task.outputTokens > 1;
  if (ttftIn === null || (needTps && tps === null)) {
    const none = unknownFig('seconds', "the provider's latency was not entered");
    lat = {
      ttft: ttftIn === null ? none : fig(ttftIn, 'seconds', 'estimated', "provider's time to first token (entered)"),
      endToEnd: none,
      p50: none,
      p95: none,
      p99: none,
      utilization: null,
      concurrency: null,
      stable: true,
      unknownReason: "Latency unknown: enter the provider's TTFT and tokens/s or import measured latency.",
    };
  } else {
    const e2e = endToEndLatencySeconds({
      ttftSeconds: ttftIn,
      tpotSeconds: tps === null ? 0 : 1 / tps,
      outputTokens: task.outputTokens,
    });
    const e2eSource = `provider's TTFT ${seconds(ttftIn)} + ${count(Math.max(0, task.outputTokens - 1))} tokens at ${tps === null ? '–' : count(tps)} tokens/s (entered)`;
    lat = {
      ttft: fig(ttftIn, 'seconds', 'estimated', "provider's time to first token (entered)"),
      endToEnd: fig(e2e, 'seconds', 'estimated', e2eSource),
      ...unqueuedTail(
        e2e,
        `${e2eSource}; the provider's capacity treated as unlimited (no queue), exponential service times with that mean`,
      ),
      utilization: null,
      concurrency: null,
      stable: true,
    };
    ctx.assumptions.push(
      "API latency: the provider's capacity is treated as unlimited (no queueing on your side); the tail is the spread of service times, exponential with the end-to-end time as mean.",
    );
  }
  lat = withMeasuredLatency(lat, ctx.measured?.latency);

  const memory: MemoryAxis = {
    weightBytes: fig(0, 'bytes', 'estimated', "runs on the provider's hardware"),
    kvCacheBytes: fig(0, 'bytes', 'estimated', "runs on the provider's hardware"),
    runtimeOverheadBytes: fig(0, 'bytes', 'estimated', "runs on the provider's hardware"),
    totalBytes: fig(0, 'bytes', 'estimated', "runs on the provider's hardware"),
    deviceId: null,
    checks: [],
    verdict: 'PASS',
    reason: "Runs on the provider's hardware: it takes none of your memory.",
  };

  return {
    kind: ctx.kind,
    deployment: 'API',
    label,
    cost,
    latency: latencyAxis(lat, load, task),
    memory,
    control: controlAxis('THIRD_PARTY', jurisdiction, label, task),
    quality: qualityAxis(task, ctx.measured?.quality),
    escalationRate: null,
    assumptions: ctx.assumptions,
  };
}

interface ModelSetup {
  readonly model: ResolvedModel;
  readonly generative: boolean;
  readonly format: QuantFormatId;
  readonly weights: number;
  readonly overhead: number;
  /** KV bytes of one sequence at the typical context (in + out), null when unknown. */
  readonly kvTypical: number | null;
  /** KV bytes of one sequence at the p95 context, null when unknown. */
  readonly kvP95: number | null;
  readonly kvNote: string;
}

function setUpModel(spec: SelfHostedSpec | OnDeviceSpec, ctx: Context): ModelSetup {
  const model = resolveModel(spec.model, ctx.kind);
  const format = oneOf('spec.format', spec.format, quantFormatIds);
  const kvFormat = spec.kvFormat === undefined ? 'bf16' : oneOf('spec.kvFormat', spec.kvFormat, kvFormatIds);
  const generative = GENERATIVE.includes(ctx.kind);
  const weights = weightBytes(model.params, format);
  const overhead = RUNTIME_OVERHEAD_SHARE.value * weights;
  ctx.assumptions.push(
    `Runtime memory ${percent(RUNTIME_OVERHEAD_SHARE.value)} of the weights (${RUNTIME_OVERHEAD_SHARE.source}).`,
  );
  const { task } = ctx;
  if (!generative) {
    return {
      model,
      generative,
      format,
      weights,
      overhead,
      kvTypical: 0,
      kvP95: 0,
      kvNote: 'a non-generative model keeps no KV cache.',
    };
  }
  if (model.architecture === null) {
    ctx.assumptions.push(
      'No attention architecture for this custom model: the KV cache is unknown and left out of decode time, which makes latency optimistic.',
    );
    return {
      model,
      generative,
      format,
      weights,
      overhead,
      kvTypical: null,
      kvP95: null,
      kvNote: 'the KV cache is unknown: enter the model’s attention architecture (layers, KV heads, head size).',
    };
  }
  if (spec.kvFormat === undefined) ctx.assumptions.push('KV cache at BF16 (the default precision of serving stacks).');
  const kv = (tokens: number) =>
    kvCacheBytes(model.architecture as AttentionArchitecture, { contextTokens: tokens, kvFormat });
  return {
    model,
    generative,
    format,
    weights,
    overhead,
    kvTypical: kv(task.inputTokens + task.outputTokens),
    kvP95: kv(task.inputTokensP95 + task.outputTokensP95),
    kvNote: '',
  };
}

function memoryAxisOf(
  setup: ModelSetup,
  sequences: number,
  ownDevice: Device | null,
  task: TaskBudgets,
  formatLabel: string,
): MemoryAxis {
  const kv = setup.kvP95 === null ? null : setup.kvP95 * sequences;
  const weightsSource = `${setup.model.source}; ${formatLabel} at ${count(quantFormats[setup.format].bitsPerWeight)} bits per weight (${quantFormats[setup.format].source})`;
  const kvFig =
    kv === null
      ? unknownFig('bytes', 'no attention architecture for this model')
      : fig(
          kv,
          'bytes',
          'estimated',
          setup.generative
            ? `${count(sequences)} sequence${sequences === 1 ? '' : 's'} at the p95 context of ${count(task.inputTokensP95 + task.outputTokensP95)} tokens (kvCacheBytes)`
            : 'a non-generative model keeps no KV cache',
        );
  const total = kv === null ? null : setup.weights + kv + setup.overhead;
  const footprint: Footprint = { weights: setup.weights, kv, overhead: setup.overhead };
  const checks = memoryChecks(footprint, ownDevice, task);
  return {
    weightBytes: fig(setup.weights, 'bytes', 'estimated', weightsSource),
    kvCacheBytes: kvFig,
    runtimeOverheadBytes: fig(
      setup.overhead,
      'bytes',
      'estimated',
      `${percent(RUNTIME_OVERHEAD_SHARE.value)} of the weights (${RUNTIME_OVERHEAD_SHARE.source})`,
    ),
    totalBytes:
      total === null
        ? unknownFig('bytes', 'the KV cache is unknown')
        : fig(total, 'bytes', 'estimated', 'weights + KV cache + runtime overhead'),
    deviceId: ownDevice?.id ?? null,
    checks,
    ...memoryVerdict(total, setup.weights + setup.overhead, checks, setup.kvNote),
  };
}

function rooflineOf(
  device: Device,
  overrides: { mfu?: number; mbu?: number; peakFlops?: number },
  prefix: string,
  ctx: Context,
): Roofline {
  const mfu = overrides.mfu === undefined ? DEFAULT_MFU.value : efficiency(`${prefix}.mfu`, overrides.mfu);
  const mbuDefault = defaultDecodeEfficiency(device.kind);
  const mbu = overrides.mbu === undefined ? mbuDefault.value : efficiency(`${prefix}.mbu`, overrides.mbu);
  const peakFlops =
    overrides.peakFlops !== undefined
      ? positive(`${prefix}.peakFlops`, overrides.peakFlops)
      : (device.peakFlops?.value ?? null);
  if (overrides.mfu === undefined) ctx.assumptions.push(`MFU ${percent(mfu)} (${DEFAULT_MFU.source}).`);
  if (overrides.mbu === undefined)
    ctx.assumptions.push(`MBU ${percent(mbu)} for ${device.kind} (${mbuDefault.source}).`);
  for (const f of [
    device.memoryBytes,
    device.bandwidthBytesPerSecond,
    ...(overrides.peakFlops === undefined && device.peakFlops !== undefined ? [device.peakFlops] : []),
  ]) {
    if (f.flagged !== undefined) ctx.assumptions.push(`${device.name}: ${f.flagged}`);
  }
  return { peakFlops, mfu, bandwidth: device.bandwidthBytesPerSecond.value, mbu };
}

function modelLabel(setup: ModelSetup): string {
  return `${setup.model.name} ${quantFormats[setup.format].label}`;
}

function evaluateSelfHosted(spec: SelfHostedSpec, ctx: Context): CandidateEvaluation {
  const { task, load } = ctx;
  const runsIn = oneOf('spec.runsIn', spec.runsIn, ['OWN_CLOUD', 'ON_PREM'] as const);
  const jurisdiction = spec.jurisdiction === undefined ? null : text('spec.jurisdiction', spec.jurisdiction);
  const hardware = record('spec.hardware', spec.hardware);
  const fixedReplicas = spec.replicas === undefined ? null : integerAtLeast('spec.replicas', spec.replicas, 1);
  const fixedConcurrency =
    spec.maxConcurrency === undefined
      ? null
      : checkNumber('spec.maxConcurrency', spec.maxConcurrency, { min: 1, max: MAX_QUEUE_SERVERS, integer: true });
  const setup = setUpModel(spec, ctx);
  const target = DEFAULT_TARGET_UTILIZATION.value;
  const targetNote = `Replicas planned to be at most ${percent(target)} busy at peak (${DEFAULT_TARGET_UTILIZATION.source}).`;

  if ('cpu' in hardware) {
    const cpu = record('spec.hardware.cpu', hardware.cpu);
    const price = nonNegative('spec.hardware.cpu.usdPerVcpuHour', cpu.usdPerVcpuHour);
    const service = positive('spec.hardware.cpu.vcpuSecondsPerRequest', cpu.vcpuSecondsPerRequest);
    const perVcpu = 1 / service;
    const vcpusAt = (peak: number) =>
      fixedReplicas ??
      replicasNeeded({ peakRequestsPerSecond: peak, requestsPerSecondPerReplica: perVcpu, targetUtilization: target });
    const vcpus = vcpusAt(load.peakRequestsPerSecond);
    if (fixedReplicas === null) ctx.assumptions.push(targetNote);
    let cost: CostAxis;
    if (fixedReplicas === null) {
      // vCPUs scale with load: the month costs the vCPU-hours used at the planned utilisation.
      const perRequest = (service / 3600 / target) * price;
      const monthly = cpuMonthlyUsd({
        requestsPerMonth: task.monthlyRequests,
        vcpuSecondsPerRequest: service,
        usdPerVcpuHour: price,
        utilization: target,
      });
      const source = `${count(service)} vCPU-s per request at ${percent(target)} utilisation × USD ${price} per vCPU-hour (cpuMonthlyUsd)`;
      ctx.assumptions.push(
        'CPU capacity scales with load: the month costs the vCPU-hours used at the planned utilisation, not an always-on fleet.',
      );
      cost = costAxis(
        fig(perRequest, 'USD per request', 'estimated', source),
        fig(monthly, 'USD per month', 'estimated', source),
        monthlyProjection({
          requestsPerMonth: task.monthlyRequests,
          growthPerMonth: task.monthlyGrowth,
          months: PROJECTION_MONTHS,
          costPerRequestUsd: perRequest,
        }),
        vcpus,
        task,
      );
    } else {
      const monthly = fixedReplicas * price * HOURS_PER_MONTH;
      const source = `${fixedReplicas} vCPUs always on × USD ${price} per vCPU-hour × ${HOURS_PER_MONTH} hours`;
      cost = costAxis(
        allInPerRequest(monthly, task.monthlyRequests, `${source} / ${count(task.monthlyRequests)} requests`),
        fig(monthly, 'USD per month', 'estimated', source),
        monthlyProjection({
          requestsPerMonth: task.monthlyRequests,
          growthPerMonth: task.monthlyGrowth,
          months: PROJECTION_MONTHS,
          costPerRequestUsd: 0,
          fixedMonthlyUsd: monthly,
        }),
        fixedReplicas,
        task,
      );
    }
    const e2eSource = `${count(service)} vCPU-seconds per request (entered), one request per vCPU`;
    const tail = queuedTail(load.peakRequestsPerSecond, perVcpu, vcpus, `${TAIL_SOURCE}; c = ${count(vcpus)} vCPUs`);
    let lat: LatencyFigures = {
      ttft: setup.generative
        ? unknownFig('seconds', 'a vCPU time per request does not split prefill from decode')
        : fig(service, 'seconds', 'estimated', `${e2eSource}; the whole answer arrives at once`),
      endToEnd: fig(service, 'seconds', 'estimated', e2eSource),
      ...tail,
      concurrency: 1,
      unstableReason: `At the peak of ${count(load.peakRequestsPerSecond)} requests/s the queue grows without bound: ${count(vcpus)} vCPUs serve at most ${count(vcpus * perVcpu)} requests/s.`,
    };
    lat = withMeasuredLatency(lat, ctx.measured?.latency);
    const label = `${modelLabel(setup)} on CPU`;
    return {
      kind: ctx.kind,
      deployment: 'SELF_HOSTED',
      label,
      cost,
      latency: latencyAxis(lat, load, task),
      memory: memoryAxisOf(setup, 1, null, task, quantFormats[setup.format].label),
      control: controlAxis(runsIn, jurisdiction, label, task),
      quality: qualityAxis(task, ctx.measured?.quality),
      escalationRate: null,
      assumptions: ctx.assumptions,
    };
  }

  if (!('gpu' in hardware)) {
    throw new RangeError(`spec.hardware must have gpu or cpu, got ${describeValue(hardware)}`);
  }
  const gpu = record('spec.hardware.gpu', hardware.gpu);
  const device = deviceById(oneOf('spec.hardware.gpu.deviceId', gpu.deviceId, deviceIds));
  const roof = rooflineOf(device, gpu, 'spec.hardware.gpu', ctx);

  // Price per GPU-hour: entered, chosen from the catalogue, or the device's most recent catalogue price.
  let hourly: { usd: number; source: string } | null = null;
  if (gpu.usdPerHour !== undefined) {
    hourly = { usd: nonNegative('spec.hardware.gpu.usdPerHour', gpu.usdPerHour), source: 'entered price per GPU-hour' };
  } else {
    let entry: CloudGpuPrice | null;
    if (gpu.gpuPriceId !== undefined) {
      const id = oneOf('spec.hardware.gpu.gpuPriceId', gpu.gpuPriceId, gpuPriceIds);
      entry = cloudGpuPrices.find((p) => p.id === id) as CloudGpuPrice;
      if (entry.deviceId !== device.id) {
        throw new RangeError(
          `spec.hardware.gpu.gpuPriceId must rent '${device.id}', got '${entry.id}' (${entry.deviceId ?? 'another GPU'})`,
        );
      }
    } else {
      entry = defaultGpuPrice(device.id);
      if (entry !== null)
        ctx.assumptions.push(
          `GPU price: the most recent catalogue price for ${device.name}, ${entry.id} (${asOf(entry)}), middle of its range.`,
        );
    }
    if (entry !== null) {
      const mid = (entry.usdPerGpuHourLow + entry.usdPerGpuHourHigh) / 2;
      hourly = {
        usd: mid,
        source: `${entry.id}: ${entry.offering}, USD ${entry.usdPerGpuHourLow}–${entry.usdPerGpuHourHigh} per GPU-hour, ${asOf(entry)} (${entry.source})`,
      };
      if (entry.flagged !== undefined) ctx.assumptions.push(`GPU price flagged in the catalogue: ${entry.flagged}`);
    }
  }

  // Concurrency: entered, or the roofline knee within what fits in memory.
  const usable = device.memoryBytes.value * (1 - DEFAULT_MEMORY_HEADROOM);
  const kvRoom = usable - setup.weights - setup.overhead;
  const memoryLimit =
    setup.kvP95 === null || setup.kvP95 === 0
      ? MAX_CONCURRENCY_CAP.value
      : Math.max(1, Math.min(MAX_CONCURRENCY_CAP.value, Math.floor(kvRoom / setup.kvP95)));
  const peakFlops = roof.peakFlops;
  const serving =
    peakFlops === null
      ? null
      : servingOf(setup.model, setup.weights, setup.kvTypical ?? 0, { ...roof, peakFlops }, task, setup.generative);
  let concurrency: number;
  if (fixedConcurrency !== null) concurrency = fixedConcurrency;
  else if (serving !== null) {
    concurrency = defaultConcurrencyOf(serving, memoryLimit);
    ctx.assumptions.push(
      `Concurrency ${concurrency} per replica: the smallest batch that reaches the replica's compute ceiling, within what fits in memory at the p95 context and vLLM's max_num_seqs of ${MAX_CONCURRENCY_CAP.value} (${MAX_CONCURRENCY_CAP.source}).`,
    );
  } else concurrency = 1;

  const throughput = serving === null ? null : throughputAt(serving, concurrency);
  const replicasAt = (peak: number): number | null =>
    fixedReplicas ??
    (throughput === null
      ? null
      : replicasNeeded({
          peakRequestsPerSecond: peak,
          requestsPerSecondPerReplica: throughput,
          targetUtilization: target,
        }));
  const replicas = replicasAt(load.peakRequestsPerSecond);
  if (fixedReplicas === null && throughput !== null) ctx.assumptions.push(targetNote);
  const noPeak = `the catalogue has no peak compute for ${device.name}: enter peakFlops or import measured latency`;

  // Cost: replicas at peak × GPU-hour price, month by month as the volume grows.
  let cost: CostAxis;
  if (hourly === null || replicas === null) {
    const why =
      hourly === null
        ? `no catalogue price for ${device.name}: enter usdPerHour`
        : `replicas unknown because ${noPeak} (or fix replicas)`;
    cost = costAxis(
      unknownFig('USD per request', why),
      unknownFig('USD per month', why),
      [],
      replicas,
      task,
      `Cost unknown: ${why}.`,
    );
  } else {
    const price = hourly.usd;
    const monthly = selfHostedMonthlyUsd({ replicas, usdPerGpuHour: price });
    const volumes = monthlyProjection({
      requestsPerMonth: task.monthlyRequests,
      growthPerMonth: task.monthlyGrowth,
      months: PROJECTION_MONTHS,
      costPerRequestUsd: 0,
    });
    let cumulative = 0;
    const projection = volumes.map((row): ProjectionRow => {
      const r = replicasAt((row.requests / SECONDS_PER_MONTH) * load.peakToMeanRatio) as number;
      const total = selfHostedMonthlyUsd({ replicas: r, usdPerGpuHour: price });
      cumulative += total;
      return { ...row, variableUsd: 0, fixedUsd: total, totalUsd: total, cumulativeUsd: cumulative };
    });
    const replicaSource =
      fixedReplicas !== null
        ? `${replicas} replicas (entered)`
        : `${replicas} replica${replicas === 1 ? '' : 's'} for ${count(load.peakRequestsPerSecond)} requests/s at peak, ${count(throughput as number)} requests/s each at ${percent(target)} planned utilisation (replicasNeeded)`;
    const source = `${replicaSource} × USD ${count(price)} per GPU-hour × ${HOURS_PER_MONTH} hours; ${hourly.source}`;
    cost = costAxis(
      allInPerRequest(monthly, task.monthlyRequests, `month 1 / ${count(task.monthlyRequests)} requests`),
      fig(monthly, 'USD per month', 'estimated', source),
      projection,
      replicas,
      task,
    );
  }

  // Latency: the roofline at the planned batch, then M/M/c over replicas × batch slots.
  let lat: LatencyFigures;
  if (serving === null) {
    lat = unknownLatency(noPeak, concurrency);
  } else {
    const e2e = serving.serviceSeconds(concurrency);
    const rooflineSource = `${device.name} roofline: ${count((peakFlops as number) / 1e12)} TFLOP/s × MFU ${count(roof.mfu)}, ${count(roof.bandwidth / 1e9)} GB/s × MBU ${count(roof.mbu)} (${device.bandwidthBytesPerSecond.source})`;
    const e2eSource = setup.generative
      ? `prefill + ${count(Math.max(0, task.outputTokens - 1))} decode steps at a batch of ${concurrency}, each step max(memory, compute); ${rooflineSource}`
      : `one forward pass of ${count(task.inputTokens)} tokens at a batch of ${concurrency}, max(memory, compute); ${rooflineSource}`;
    const slots = (replicas ?? 1) * concurrency;
    const tail = queuedTail(
      load.peakRequestsPerSecond,
      (throughput as number) / concurrency,
      slots,
      `${TAIL_SOURCE}; c = ${count(replicas ?? 1)} replicas × ${concurrency} sequences`,
    );
    lat = {
      ttft: fig(
        serving.ttftSeconds,
        'seconds',
        'estimated',
        setup.generative
          ? `prefill of ${count(task.inputTokens)} tokens, max(2·N·tokens / (peak × MFU), weights / (bandwidth × MBU)); ${rooflineSource}`
          : `the whole answer arrives at once: ${e2eSource}`,
      ),
      endToEnd: fig(e2e, 'seconds', 'estimated', e2eSource),
      ...tail,
      concurrency,
      unstableReason: `At the peak of ${count(load.peakRequestsPerSecond)} requests/s the queue grows without bound: ${count(replicas ?? 1)} replica${replicas === 1 ? '' : 's'} serve at most ${count((replicas ?? 1) * (throughput as number))} requests/s.`,
    };
    ctx.assumptions.push(
      'Latency tail: M/M/c with replicas × batch slots as servers, exponential service times (the reference’s queueing model); optimistic near saturation, pessimistic when service times vary little; import measured latency to replace it.',
    );
  }
  lat = withMeasuredLatency(lat, ctx.measured?.latency);

  const label = `${modelLabel(setup)} on ${replicas === null ? '' : `${replicas} × `}${device.name}`;
  return {
    kind: ctx.kind,
    deployment: 'SELF_HOSTED',
    label,
    cost,
    latency: latencyAxis(lat, load, task),
    memory: memoryAxisOf(setup, setup.generative ? concurrency : 1, device, task, quantFormats[setup.format].label),
    control: controlAxis(runsIn, jurisdiction, label, task),
    quality: qualityAxis(task, ctx.measured?.quality),
    escalationRate: null,
    assumptions: ctx.assumptions,
  };
}

function evaluateOnDevice(spec: OnDeviceSpec, ctx: Context): CandidateEvaluation {
  const { task, load } = ctx;
  const device = deviceById(oneOf('spec.deviceId', spec.deviceId, deviceIds));
  const fixed = spec.fixedMonthlyUsd === undefined ? 0 : nonNegative('spec.fixedMonthlyUsd', spec.fixedMonthlyUsd);
  const setup = setUpModel(spec, ctx);
  const roof = rooflineOf(device, spec, 'spec', ctx);

  const monthly = onDeviceMonthlyUsd({ requestsPerMonth: task.monthlyRequests, fixedMonthlyUsd: fixed });
  const source = `${usd(fixed)} fixed a month${spec.fixedMonthlyUsd === undefined ? ' (none entered)' : ''}; about zero per request: the user's device does the work (onDeviceMonthlyUsd)`;
  const cost = costAxis(
    allInPerRequest(monthly, task.monthlyRequests, `${source} / ${count(task.monthlyRequests)} requests`),
    fig(monthly, 'USD per month', 'estimated', source),
    monthlyProjection({
      requestsPerMonth: task.monthlyRequests,
      growthPerMonth: task.monthlyGrowth,
      months: PROJECTION_MONTHS,
      costPerRequestUsd: 0,
      fixedMonthlyUsd: fixed,
    }),
    null,
    task,
  );

  const peakFlops = roof.peakFlops;
  let lat: LatencyFigures;
  if (peakFlops === null) {
    const why = `the catalogue has no peak compute for ${device.name}: enter peakFlops or import measured latency`;
    lat = unknownLatency(why, 1);
  } else {
    const serving = servingOf(
      setup.model,
      setup.weights,
      setup.kvTypical ?? 0,
      { ...roof, peakFlops },
      task,
      setup.generative,
    );
    const e2e = serving.serviceSeconds(1);
    const rooflineSource = `${device.name}: ${count(peakFlops / 1e12)} T${device.peakPrecision === 'npu-ops' ? 'OPS' : 'FLOP/s'} × MFU ${count(roof.mfu)} (${device.peakFlops?.source ?? 'entered'}), ${count(roof.bandwidth / 1e9)} GB/s × MBU ${count(roof.mbu)} (${device.bandwidthBytesPerSecond.source})`;
    const e2eSource = setup.generative
      ? `prefill + ${count(Math.max(0, task.outputTokens - 1))} decode steps, one sequence; ${rooflineSource}`
      : `one forward pass of ${count(task.inputTokens)} tokens; ${rooflineSource}`;
    lat = {
      ttft: fig(
        serving.ttftSeconds,
        'seconds',
        'estimated',
        setup.generative
          ? `prefill of ${count(task.inputTokens)} tokens; ${rooflineSource}`
          : `the whole answer arrives at once: ${e2eSource}`,
      ),
      endToEnd: fig(e2e, 'seconds', 'estimated', e2eSource),
      ...unqueuedTail(e2e, `${e2eSource}; one user per device, no queue; exponential service times with that mean`),
      utilization: null,
      concurrency: 1,
      stable: true,
    };
    ctx.assumptions.push(
      'On-device: one request at a time on each device and no queue; the tail is the spread of service times, exponential with the end-to-end time as mean.',
    );
  }
  lat = withMeasuredLatency(lat, ctx.measured?.latency);

  const label = `${modelLabel(setup)} on ${device.name}`;
  return {
    kind: ctx.kind,
    deployment: 'ON_DEVICE',
    label,
    cost,
    latency: latencyAxis(lat, load, task),
    memory: memoryAxisOf(setup, 1, device, task, quantFormats[setup.format].label),
    control: controlAxis('ON_DEVICE', null, label, task),
    quality: qualityAxis(task, ctx.measured?.quality),
    escalationRate: null,
    assumptions: ctx.assumptions,
  };
}

function loadOf(task: TaskBudgets, ratio: number | undefined, assumptions: string[]): Load {
  const peakToMeanRatio =
    ratio === undefined ? DEFAULT_PEAK_TO_MEAN_RATIO.value : checkNumber('peakToMeanRatio', ratio, { min: 1 });
  if (ratio === undefined)
    assumptions.push(`Peak arrival rate ${peakToMeanRatio}× the monthly mean (${DEFAULT_PEAK_TO_MEAN_RATIO.source}).`);
  const mean = task.monthlyRequests / SECONDS_PER_MONTH;
  return { meanRequestsPerSecond: mean, peakRequestsPerSecond: mean * peakToMeanRatio, peakToMeanRatio };
}

/**
 * Evaluates one candidate on one task along the four axes of a deployment, plus quality.
 *
 * - **Cost**, month 1 and a 12-month projection with the task's growth (`monthlyProjection`):
 *   API `input × priceIn + output × priceOut` (+ a per-request fee) at the typical lengths;
 *   self-hosted GPU `replicas × GPU-hour price × 730 h`, replicas for the peak arrival rate
 *   (`monthlyRequests / SECONDS_PER_MONTH × peakToMeanRatio`) at 70 % of a replica's throughput,
 *   recomputed each projected month; CPU the vCPU-hours used at that utilisation
 *   (`cpuMonthlyUsd`); on-device the fixed monthly cost (`onDeviceMonthlyUsd`). Verdict against
 *   the monthly budget (UNKNOWN without one).
 * - **Latency**: a roofline per replica (reference `bound_selection`: each step takes the longer of
 *   its compute and memory time). TTFT = max(prefill `2·N·in / (peak × MFU)`, one read of the
 *   weights); decode step at a batch of n = max((weights + n × KV) / (bandwidth × MBU),
 *   2·N·n / (peak × MFU)); end to end `TTFT + (out − 1) × step(n)`. A replica completes
 *   `min(n / e2e(n), peak × MFU / (2·N·(in + out)))` requests/s. p50/p95/p99 are M/M/c response
 *   times (`mmcLatency`) at the peak arrival rate with replicas × n servers, each at that
 *   throughput / n (service time = end-to-end time when memory-bound). API: the provider's TTFT and
 *   tokens/s, no queue (UNKNOWN without them); on-device: one sequence, no queue. Measured
 *   percentiles replace the estimates. Verdict: p95 and p99 within budget, and TTFT when streaming
 *   with a TTFT budget.
 * - **Memory**: weights (`weightBytes`) + KV cache at the p95 context × concurrency
 *   (`kvCacheBytes`; none for non-generative kinds; unknown for a custom decoder without
 *   architecture) + 20 % runtime overhead, checked (`memoryFit`, 10 % headroom) against the model's
 *   own device, the task's target device and its memory budget. API: 0 bytes of yours, PASS.
 * - **Control**: where it runs (THIRD_PARTY, OWN_CLOUD / ON_PREM, ON_DEVICE) against the locality
 *   requirement ({@link localitySatisfies}) and its jurisdiction against the allowed ones (empty:
 *   any; not stated under a restriction: UNKNOWN; on-device the data stays with the user).
 * - **Quality**: measured only; UNKNOWN until an eval run is imported.
 *
 * Non-generative kinds (classifier, embedder, reranker, vision, classical) run one forward pass over
 * the input and keep no KV cache. `assumptions` lists every default used.
 *
 * @throws RangeError naming the argument (`task.…`, `spec.…`, `measured.…`, `kind`, `peakToMeanRatio`).
 * @example
 * // The receipts task: 3 M requests a month, 400 tokens in, 40 out, a USD 5,000 budget; on GPT-4o
 * const e = evaluateCandidate({ task: receipts, kind: 'FRONTIER_API', spec: { deployment: 'API', priceId: 'openai-gpt-4o' } });
 * e.cost.perRequestUsd.value; // 0.0014 (400 × 2.5 / 1e6 + 40 × 10 / 1e6)
 * e.cost.monthlyUsd.value; // 4200
 * e.cost.reason; // 'USD 4,200 a month is within the USD 5,000 budget. At 5% growth a month it passes the budget in month 5 (USD 5,105).'
 * e.latency.verdict; // 'UNKNOWN': enter the provider's TTFT and tokens/s or import measured latency
 * e.memory.verdict; // 'PASS': runs on the provider's hardware
 */
export function evaluateCandidate(options: EvaluateOptions): CandidateEvaluation {
  record('options', options);
  const task = checkTask(options.task);
  const kind = oneOf('kind', options.kind, candidateKinds);
  if (kind === 'CASCADE') throw new RangeError("kind must not be 'CASCADE' here (use evaluateCascade), got 'CASCADE'");
  const measured = checkMeasured(options.measured);
  const spec = record('spec', options.spec);
  const deployment = oneOf('spec.deployment', spec.deployment, deploymentKinds);
  const assumptions: string[] = [];
  const load = loadOf(task, options.peakToMeanRatio, assumptions);
  const ctx: Context = { task, kind, load, measured, assumptions };
  if (deployment === 'API') return evaluateApi(spec as ApiSpec, ctx);
  if (deployment === 'SELF_HOSTED') return evaluateSelfHosted(spec as SelfHostedSpec, ctx);
  return evaluateOnDevice(spec as OnDeviceSpec, ctx);
}

// ───────────────────────────── cascades ─────────────────────────────

/** The tail of one path's latency, as two quantiles. */
export interface LatencyTail {
  readonly p95Seconds: number;
  readonly p99Seconds: number;
}

/** Options of {@link cascadeLatencyQuantileSeconds}. */
export interface CascadeLatencyOptions {
  readonly small: LatencyTail;
  readonly large: LatencyTail;
  /** Share of requests escalated, in [0, 1]. */
  readonly escalationRate: number;
  /** In [0, 1). */
  readonly quantile: number;
}

interface ShiftedExponential {
  readonly shift: number;
  /** Mean of the exponential part; 0 for a constant. */
  readonly scale: number;
}

/** Constant + exponential through p95 and p99: scale = (p99 − p95) / ln 5, shift = p95 − scale × ln 20. */
function fitTail(tail: LatencyTail): ShiftedExponential {
  const scale = (tail.p99Seconds - tail.p95Seconds) / LN5;
  return { shift: tail.p95Seconds - scale * LN20, scale };
}

/** P(X > x) for X exponential with the given mean (a constant at 0 when the mean is 0). */
const expSurvival = (x: number, mean: number): number => (x <= 0 ? 1 : mean === 0 ? 0 : Math.exp(-x / mean));

/**
 * P(A + B > x) for independent exponentials A, B with means a, b (hypoexponential). With rates
 * α ≤ β: `e^{−αx} (1 + α·(1 − e^{−(β−α)x}) / (β − α))`, whose limit β → α is Erlang-2's
 * `e^{−αx}(1 + αx)`; `expm1` keeps it exact near α = β.
 */
function sumSurvival(x: number, a: number, b: number): number {
  if (x <= 0) return 1;
  if (a === 0) return expSurvival(x, b);
  if (b === 0) return expSurvival(x, a);
  const alpha = 1 / Math.max(a, b);
  const beta = 1 / Math.min(a, b);
  const delta = beta - alpha;
  const m = delta > 0 ? -Math.expm1(-delta * x) / delta : x;
  return Math.exp(-alpha * x) * (1 + alpha * m);
}

/**
 * A quantile of a cascade's latency. Every request takes the small model's path; an escalated
 * share r then also takes the large model's, after the small one has answered:
 * `T = S + B·L`, B ~ Bernoulli(r), S and L independent. So
 * `P(T > t) = (1 − r)·P(S > t) + r·P(S + L > t)`.
 *
 * The approximation: each path's latency is modelled as a constant plus an exponential tail fitted
 * through its p95 and p99 (`scale = (p99 − p95) / ln 5`, `shift = p95 − scale·ln 20`; exact for
 * M/M/1 response times and shifted exponentials, and a close tail fit for M/M/c and measured
 * latencies). Then S + L is the sum of the shifts plus a hypoexponential, whose survival function has
 * a closed form, and the mixture's survival is inverted by bisection. The fit targets the tail: p95
 * and p99 are its purpose; lower quantiles are rougher. Results are clamped at 0.
 *
 * @throws RangeError naming the argument; p99 must be ≥ p95 for each path.
 * @example
 * // Two exponential paths (means 1 s and 2 s), 10 % escalated
 * const tail = (mean: number) => ({ p95Seconds: mean * Math.log(20), p99Seconds: mean * Math.log(100) });
 * cascadeLatencyQuantileSeconds({ small: tail(1), large: tail(2), escalationRate: 0.1, quantile: 0.95 }); // ≈ 3.74
 * cascadeLatencyQuantileSeconds({ small: tail(1), large: tail(2), escalationRate: 0, quantile: 0.95 }); // ln 20 ≈ 3.00
 */
export function cascadeLatencyQuantileSeconds(options: CascadeLatencyOptions): number {
  record('options', options);
  const checkTail = (name: string, tail: LatencyTail): LatencyTail => {
    record(name, tail);
    const p95 = nonNegative(`${name}.p95Seconds`, tail.p95Seconds);
    atLeast(`${name}.p99Seconds`, nonNegative(`${name}.p99Seconds`, tail.p99Seconds), `${name}.p95Seconds`, p95);
    return tail;
  };
  const small = fitTail(checkTail('small', options.small));
  const large = fitTail(checkTail('large', options.large));
  const r = fraction('escalationRate', options.escalationRate);
  const q = checkNumber('quantile', options.quantile, { min: 0, max: 1, maxExclusive: true });
  const target = 1 - q;
  const survival = (t: number) =>
    (1 - r) * expSurvival(t - small.shift, small.scale) +
    r * sumSurvival(t - small.shift - large.shift, small.scale, large.scale);
  if (survival(0) <= target) return 0;
  let hi = Math.max(small.shift + large.shift, 0) + (small.scale + large.scale) * (-Math.log(target) + 1) + 1e-9;
  while (survival(hi) > target) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 200; i += 1) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (survival(mid) > target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Options of {@link evaluateCascade}. */
export interface CascadeOptions {
  readonly task: TaskBudgets;
  /** Evaluation of the model every request goes to first. */
  readonly small: CandidateEvaluation;
  /** Evaluation of the model escalated requests go on to. */
  readonly large: CandidateEvaluation;
  /** Share of requests escalated, in [0, 1]. */
  readonly escalationRate: number;
  readonly measured?: Measured;
}

function checkEvaluation(name: string, e: CandidateEvaluation, allowCascade = false): CandidateEvaluation {
  record(name, e);
  const kind = oneOf(`${name}.kind`, e.kind, candidateKinds);
  if (kind === 'CASCADE' && !allowCascade)
    throw new RangeError(`${name}.kind must not be 'CASCADE' (cascades have two levels), got 'CASCADE'`);
  for (const axis of ['cost', 'latency', 'memory', 'control', 'quality'] as const) record(`${name}.${axis}`, e[axis]);
  return e;
}

const sumFig = (a: AxisFigure, b: AxisFigure, rate: number, unit: string, source: string): AxisFigure =>
  a.value === null || b.value === null
    ? unknownFig(unit, `${a.value === null ? 'small' : 'large'} model's figure unknown`)
    : fig(
        a.value + rate * b.value,
        unit,
        a.basis === 'measured' && b.basis === 'measured' ? 'measured' : 'estimated',
        source,
      );

/**
 * Evaluates a cascade: a small model answers every request and escalates a share to a large one.
 *
 * - **Cost** per request `small + escalationRate × large` (`cascadeCostPerRequestUsd`), and every
 *   month of the projection the same way. Exact when the large one is an API; for a self-hosted
 *   large model this scales its fleet linearly with the share it serves (replica granularity is
 *   ignored), so for a fleet dedicated to the cascade evaluate it on the escalated volume.
 * - **Latency**: end to end and TTFT are means (an escalated request waits for the small model's
 *   answer, then the large one's first token); p50/p95/p99 come from
 *   {@link cascadeLatencyQuantileSeconds} on the two paths' p95 and p99, unless measured.
 * - **Memory**: the small model's footprint, because it is the one on the task's hardware. When
 *   both are self-hosted or on-device on the same device, both stay resident (loading the large
 *   one per escalation would cost seconds), so the footprints add and are checked again; a large
 *   model elsewhere must still fit its own hardware (its verdict counts).
 * - **Control**: the cascade runs where its least controlled part runs; it fails when either part
 *   fails, and says which requests go where.
 * - **Quality**: measured only.
 *
 * @throws RangeError naming the argument; a cascade's parts cannot themselves be cascades.
 * @example
 * const cascade = evaluateCascade({ task: receipts, small: phone, large: gpt4o, escalationRate: 0.1 });
 * // a Llama 3.2 3B on the phone (USD 200 a month fixed) escalating 10 % to GPT-4o
 * cascade.cost.perRequestUsd.value; // 200 / 3e6 + 0.1 × 0.0014 ≈ 0.000207
 * cascade.control.reason; // '10% of requests (the escalated ones) go to GPT-4o (OpenAI) …'
 */
export function evaluateCascade(options: CascadeOptions): CandidateEvaluation {
  record('options', options);
  const task = checkTask(options.task);
  const small = checkEvaluation('small', options.small);
  const large = checkEvaluation('large', options.large);
  const r = fraction('escalationRate', options.escalationRate);
  const measured = checkMeasured(options.measured);
  const share = percent(r);
  const label = `${small.label} → ${large.label} (${share} escalated)`;
  const assumptions = [
    `Cascade: every request goes to ${small.label}; ${share} go on to ${large.label} after it answers.`,
    'Cascade cost: small + escalation rate × large, per request and per month (exact for an API; linear in the escalated share for a self-hosted large model).',
    ...[...small.assumptions.map((a) => `Small model: ${a}`), ...large.assumptions.map((a) => `Large model: ${a}`)],
  ].filter((a, i, all) => all.indexOf(a) === i);

  // Cost.
  const perRequest =
    small.cost.perRequestUsd.value === null || large.cost.perRequestUsd.value === null
      ? unknownFig(
          'USD per request',
          `${small.cost.perRequestUsd.value === null ? 'small' : 'large'} model's cost per request unknown`,
        )
      : fig(
          cascadeCostPerRequestUsd({
            smallUsdPerRequest: small.cost.perRequestUsd.value,
            largeUsdPerRequest: large.cost.perRequestUsd.value,
            escalationRate: r,
          }),
          'USD per request',
          'estimated',
          `${usd(small.cost.perRequestUsd.value)} + ${share} × ${usd(large.cost.perRequestUsd.value)} (cascadeCostPerRequestUsd)`,
        );
  const monthly = sumFig(
    small.cost.monthlyUsd,
    large.cost.monthlyUsd,
    r,
    'USD per month',
    `small model's month + ${share} of the large model's`,
  );
  let projection: ProjectionRow[] = [];
  if (monthly.value !== null && small.cost.projection.length === large.cost.projection.length) {
    let cumulative = 0;
    projection = small.cost.projection.map((row, i) => {
      const other = large.cost.projection[i] as ProjectionRow;
      const total = row.totalUsd + r * other.totalUsd;
      cumulative += total;
      return {
        month: row.month,
        requests: row.requests,
        variableUsd: row.variableUsd + r * other.variableUsd,
        fixedUsd: row.fixedUsd + r * other.fixedUsd,
        totalUsd: total,
        cumulativeUsd: cumulative,
      };
    });
  }
  const cost = costAxis(perRequest, monthly, projection, null, task, `Cost unknown: ${monthly.source}.`);

  // Latency.
  const sl = small.latency;
  const ll = large.latency;
  const meanOf = (a: AxisFigure, b: AxisFigure, source: string) => sumFig(a, b, r, 'seconds', source);
  const endToEnd = meanOf(
    sl.endToEndSeconds,
    ll.endToEndSeconds,
    `mean: small end to end + ${share} × large end to end`,
  );
  const ttft =
    sl.ttftSeconds.value === null || ll.ttftSeconds.value === null || sl.endToEndSeconds.value === null
      ? unknownFig('seconds', 'a part’s time to first token or end-to-end time is unknown')
      : fig(
          (1 - r) * sl.ttftSeconds.value + r * (sl.endToEndSeconds.value + ll.ttftSeconds.value),
          'seconds',
          'estimated',
          `mean: escalated requests wait for the small model's answer (${seconds(sl.endToEndSeconds.value)}) and the large model's first token (${seconds(ll.ttftSeconds.value)})`,
        );
  let lat: LatencyFigures;
  const tailKnown = [sl.p95Seconds, sl.p99Seconds, ll.p95Seconds, ll.p99Seconds].every((f) => f.value !== null);
  if (!sl.stable || !ll.stable) {
    const none = unknownFig('seconds', 'a part’s queue grows without bound');
    lat = {
      ttft,
      endToEnd,
      p50: none,
      p95: none,
      p99: none,
      utilization: null,
      concurrency: null,
      stable: false,
      unstableReason: `The ${!sl.stable ? 'small' : 'large'} model's queue grows without bound: ${(!sl.stable ? sl : ll).reason}`,
    };
  } else if (!tailKnown) {
    const none = unknownFig('seconds', 'a part’s latency tail is unknown');
    const which = sl.p95Seconds.value === null || sl.p99Seconds.value === null ? 'small' : 'large';
    lat = {
      ttft,
      endToEnd,
      p50: none,
      p95: none,
      p99: none,
      utilization: null,
      concurrency: null,
      stable: true,
      unknownReason: `The ${which} model's latency is unknown: ${(which === 'small' ? sl : ll).reason}`,
    };
  } else {
    const tail = (f: LatencyAxis): LatencyTail => ({
      p95Seconds: f.p95Seconds.value as number,
      p99Seconds: f.p99Seconds.value as number,
    });
    const at = (quantile: number) =>
      cascadeLatencyQuantileSeconds({ small: tail(sl), large: tail(ll), escalationRate: r, quantile });
    const basis = [sl.p95Seconds, ll.p95Seconds].every((f) => f.basis === 'measured') ? 'measured' : 'estimated';
    const source = `mixture of the small path and small + large for ${share} of requests, each path a constant + exponential tail fitted to its p95 and p99 (cascadeLatencyQuantileSeconds); parts: ${sl.p95Seconds.basis} / ${ll.p95Seconds.basis}`;
    lat = {
      ttft,
      endToEnd,
      p50: fig(at(0.5), 'seconds', basis, source),
      p95: fig(at(0.95), 'seconds', basis, source),
      p99: fig(at(0.99), 'seconds', basis, source),
      utilization: null,
      concurrency: null,
      stable: true,
    };
  }
  lat = withMeasuredLatency(lat, measured?.latency);
  const latency = latencyAxis(
    lat,
    { meanRequestsPerSecond: 0, peakRequestsPerSecond: sl.peakRequestsPerSecond, peakToMeanRatio: 1 },
    task,
  );

  // Memory.
  const sm = small.memory;
  const lm = large.memory;
  const colocated = large.deployment !== 'API' && lm.deviceId !== null && lm.deviceId === sm.deviceId;
  let memory: MemoryAxis;
  if (colocated) {
    const add = (a: AxisFigure, b: AxisFigure, what: string) =>
      sumFig(a, b, 1, 'bytes', `small + large ${what}, both resident on ${deviceById(sm.deviceId as DeviceId).name}`);
    const weights = add(sm.weightBytes, lm.weightBytes, 'weights');
    const kv = add(sm.kvCacheBytes, lm.kvCacheBytes, 'KV cache');
    const overhead = add(sm.runtimeOverheadBytes, lm.runtimeOverheadBytes, 'runtime overhead');
    const total = add(sm.totalBytes, lm.totalBytes, 'footprints');
    const footprint: Footprint = { weights: weights.value as number, kv: kv.value, overhead: overhead.value as number };
    const checks = memoryChecks(footprint, deviceById(sm.deviceId as DeviceId), task);
    memory = {
      weightBytes: weights,
      kvCacheBytes: kv,
      runtimeOverheadBytes: overhead,
      totalBytes: total,
      deviceId: sm.deviceId,
      checks,
      ...memoryVerdict(total.value, footprint.weights + footprint.overhead, checks, 'a part’s KV cache is unknown.'),
    };
    assumptions.push('Cascade memory: both models run on the same device and stay resident, so their footprints add.');
  } else {
    const largeFails = lm.verdict === 'FAIL';
    const verdict: SmallVerdict = largeFails ? 'FAIL' : sm.verdict;
    memory = {
      ...sm,
      verdict,
      reason: largeFails
        ? `The large model does not fit its own hardware: ${lm.reason}`
        : `${sm.reason} The large model runs elsewhere${large.deployment === 'API' ? " (on the provider's hardware)" : ''}.`,
    };
  }

  // Control.
  const smallWhere = small.control;
  const largeWhere = large.control;
  const lessControlled = RUNS_IN_RANK[largeWhere.runsIn] < RUNS_IN_RANK[smallWhere.runsIn] ? largeWhere : smallWhere;
  const escalated = `${share} of requests (the escalated ones) go to ${large.label}`;
  let control: ControlAxis;
  if (smallWhere.verdict === 'FAIL') {
    control = {
      runsIn: lessControlled.runsIn,
      jurisdiction: lessControlled.jurisdiction,
      verdict: 'FAIL',
      reason: `Every request goes to ${small.label}: ${smallWhere.reason}`,
    };
  } else if (largeWhere.verdict === 'FAIL' && r > 0) {
    control = {
      runsIn: lessControlled.runsIn,
      jurisdiction: lessControlled.jurisdiction,
      verdict: 'FAIL',
      reason: `${escalated}: ${largeWhere.reason}`,
    };
  } else if (smallWhere.verdict === 'UNKNOWN' || (largeWhere.verdict === 'UNKNOWN' && r > 0)) {
    const part =
      smallWhere.verdict === 'UNKNOWN'
        ? `Every request goes to ${small.label}: ${smallWhere.reason}`
        : `${escalated}: ${largeWhere.reason}`;
    control = {
      runsIn: lessControlled.runsIn,
      jurisdiction: lessControlled.jurisdiction,
      verdict: 'UNKNOWN',
      reason: part,
    };
  } else {
    control = {
      runsIn: r > 0 ? lessControlled.runsIn : smallWhere.runsIn,
      jurisdiction: r > 0 ? lessControlled.jurisdiction : smallWhere.jurisdiction,
      verdict: 'PASS',
      reason: `Both parts run where the task allows. ${smallWhere.reason} ${capitalise(escalated)}: ${largeWhere.reason}`,
    };
  }

  return {
    kind: 'CASCADE',
    deployment: null,
    label,
    cost,
    latency,
    memory,
    control,
    quality: qualityAxis(task, measured?.quality),
    escalationRate: r,
    assumptions,
  };
}

// ───────────────────────────── chart helpers ─────────────────────────────

/** Each axis as a share of its budget (1 = at the budget), capped at {@link RADAR_SCORE_CAP}; null when unknown. */
export interface RadarScores {
  readonly cost: number | null;
  readonly latency: number | null;
  readonly memory: number | null;
  readonly control: number | null;
}

const capped = (score: number): number => Math.min(RADAR_SCORE_CAP, score);
const ratio = (value: number, budget: number): number =>
  budget === 0 ? (value === 0 ? 0 : RADAR_SCORE_CAP) : capped(value / budget);

/**
 * Scores for a radar chart of the four axes, each as value / budget (lower is better, 1 is the
 * budget, capped at {@link RADAR_SCORE_CAP}; null when the figure or the budget is unknown):
 *
 * - cost: month-1 cost / monthly budget;
 * - latency: the larger of p95 / p95 budget and p99 / p99 budget (the cap when the queue is unbounded);
 * - memory: total footprint / the tightest usable memory among the task's target device (after 10 %
 *   headroom) and memory budget;
 * - control: where it runs over what the task allows, on the scale THIRD_PARTY 4, OWN_CLOUD 3,
 *   ON_PREM 2, ON_DEVICE 1 against ANY 4, OWN_CLOUD 3, ON_PREM 2, ON_DEVICE 1 (so 1 is exactly as
 *   far out as allowed); the cap when the jurisdiction fails, null when it is unknown.
 *
 * @example
 * // GPT-4o (processing in the US) on the receipts task (USD 5,000 budget, p95 4 s / p99 8 s, data in the EU)
 * radarScores(gpt4o, receipts); // { cost: 0.84, latency: 0.74, memory: null, control: 2 }
 */
export function radarScores(evaluation: CandidateEvaluation, task: TaskBudgets): RadarScores {
  checkEvaluation('evaluation', evaluation, true);
  checkTask(task);
  const monthly = evaluation.cost.monthlyUsd.value;
  const cost = monthly === null || task.monthlyBudgetUsd === null ? null : ratio(monthly, task.monthlyBudgetUsd);
  const lat = evaluation.latency;
  let latency: number | null = null;
  if (!lat.stable) latency = RADAR_SCORE_CAP;
  else if (lat.p95Seconds.value !== null && lat.p99Seconds.value !== null) {
    latency = capped(
      Math.max(lat.p95Seconds.value / task.latencyP95Seconds, lat.p99Seconds.value / task.latencyP99Seconds),
    );
  }
  const budgets: number[] = [];
  if (task.targetDeviceId !== null)
    budgets.push(deviceById(task.targetDeviceId).memoryBytes.value * (1 - DEFAULT_MEMORY_HEADROOM));
  if (task.memoryBudgetBytes !== null) budgets.push(task.memoryBudgetBytes);
  const total = evaluation.memory.totalBytes.value;
  const memory = total === null || budgets.length === 0 ? null : ratio(total, Math.min(...budgets));
  const c = evaluation.control;
  let control: number | null;
  if (c.verdict === 'UNKNOWN') control = null;
  else if (c.verdict === 'FAIL' && localitySatisfies(c.runsIn, task.locality)) control = RADAR_SCORE_CAP;
  else control = capped((4 - RUNS_IN_RANK[c.runsIn]) / (4 - LOCALITY_RANK[task.locality]));
  return { cost, latency, memory, control };
}

/** A candidate on the quality-versus-cost plane; null when unknown. */
export interface QualityCostPoint {
  readonly id: string;
  readonly quality: number | null;
  readonly monthlyUsd: number | null;
}

/**
 * The ids of the candidates dominated on quality and cost: another candidate is at least as good on
 * both (quality by the task's direction, cost lower or equal) and strictly better on one. Points with
 * an unknown quality or cost are left out of the comparison (neither dominated nor dominating).
 * Ids come back in input order.
 *
 * @throws RangeError naming the argument.
 * @example
 * dominated({
 *   points: [
 *     { id: 'api', quality: 0.97, monthlyUsd: 4200 },
 *     { id: 'slm', quality: 0.96, monthlyUsd: 800 },
 *     { id: 'big', quality: 0.95, monthlyUsd: 2000 },
 *   ],
 *   qualityHigherBetter: true,
 * }); // ['big']
 */
export function dominated(options: {
  readonly points: readonly QualityCostPoint[];
  readonly qualityHigherBetter: boolean;
}): string[] {
  record('options', options);
  if (!Array.isArray(options.points)) {
    throw new RangeError(`points must be an array, got ${describeValue(options.points)}`);
  }
  const higher = bool('qualityHigherBetter', options.qualityHigherBetter);
  const points = options.points.map((p, i) => {
    record(`points[${i}]`, p);
    text(`points[${i}].id`, p.id);
    if (p.quality !== null) checkNumber(`points[${i}].quality`, p.quality);
    if (p.monthlyUsd !== null) nonNegative(`points[${i}].monthlyUsd`, p.monthlyUsd);
    return p;
  });
  const known = points.filter(
    (p): p is QualityCostPoint & { quality: number; monthlyUsd: number } => p.quality !== null && p.monthlyUsd !== null,
  );
  const better = (a: number, b: number) => (higher ? a > b : a < b);
  return known
    .filter((p) =>
      known.some(
        (o) =>
          o !== p &&
          !better(p.quality, o.quality) &&
          o.monthlyUsd <= p.monthlyUsd &&
          (better(o.quality, p.quality) || o.monthlyUsd < p.monthlyUsd),
      ),
    )
    .map((p) => p.id);
}
