/**
 * Everything the cost-curve explorer shows for one slider position.
 *
 * @module
 */
import { devices, type DeviceId, type DeviceKind } from './catalog/devices.ts';
import { defaultDecodeEfficiency } from './catalog/efficiency.ts';
import { quantFormatIds, quantFormats, type QuantFormatId } from './catalog/quant.ts';
import {
  INFERENCE_FLOPS_PER_PARAM_TOKEN,
  scalingFitIds,
  TRAINING_FLOPS_PER_PARAM_TOKEN,
  type ScalingFitId,
} from './catalog/scaling.ts';
import { deviceSeconds, lifetimeCompute } from './compute.ts';
import { DEFAULT_MEMORY_HEADROOM, weightBytes } from './memory.ts';
import { explorerPresetIds, explorerPresets, type ExplorerPreset, type ExplorerPresetId } from './presets.ts';
import { priceLadder, type PriceLadder } from './price-ladder.ts';
import { inferenceOptimal, type InferenceOptimal } from './scaling.ts';
import { checkNumber, nonNegative, oneOf, positive, record } from './validate.ts';

const TRAIN = TRAINING_FLOPS_PER_PARAM_TOKEN.value;
const INFER = INFERENCE_FLOPS_PER_PARAM_TOKEN.value;
const SECONDS_PER_HOUR = 3600;

/**
 * Smallest model on the explorer's inference-share curve: 0.5 B parameters (Qwen3 0.6B class).
 *
 * @example
 * explore({ params: 3e9, servedTokens: 1e10, preset: 'lesson' }).shareCurve[0].params === SHARE_CURVE_MIN_PARAMS; // true
 */
export const SHARE_CURVE_MIN_PARAMS = 0.5e9;
/**
 * Largest model on the explorer's inference-share curve: 500 B parameters (frontier class).
 *
 * @example
 * SHARE_CURVE_MAX_PARAMS / SHARE_CURVE_MIN_PARAMS; // 1000: three decades, log-spaced
 */
export const SHARE_CURVE_MAX_PARAMS = 500e9;
const DEFAULT_CURVE_POINTS = 100;

/** Options of {@link explore}. */
export interface ExploreOptions {
  /** Model parameters N (> 0); the slider spans 0.5 B–500 B. */
  readonly params: number;
  /** Tokens served over the model's life T (≥ 0). */
  readonly servedTokens: number;
  readonly preset: ExplorerPresetId;
  /** Training tokens per parameter; default the preset's (20, Chinchilla). Llama 3 8B used 1,875. */
  readonly tokensPerParam?: number;
  /** Loss fit for the inference-optimal point; default `'epoch'` (Besiroglu et al. 2024). */
  readonly fit?: ScalingFitId;
  /** Fraction of each device's memory kept free when testing fit, in [0, 1); default 0.1. */
  readonly memoryHeadroom?: number;
  /** Runtime overhead added to the weights when testing fit, bytes (≥ 0); default 0. */
  readonly runtimeOverheadBytes?: number;
  /** Points on the inference-share curve (integer 2–10,000); default 100. */
  readonly curvePoints?: number;
}

/** Weight memory at one precision. */
export interface MemoryRow {
  readonly format: QuantFormatId;
  readonly label: string;
  readonly bitsPerWeight: number;
  readonly weightBytes: number;
}

/** One point of the inference-share curve. */
export interface SharePoint {
  readonly params: number;
  /** Inference share of lifetime compute at this size, the same served volume and tokens per parameter. */
  readonly share: number;
}

/** Whether the model fits a device at one precision, and how fast it decodes there. */
export interface DeviceFormatFit {
  readonly format: QuantFormatId;
  /** Weights plus runtime overhead. */
  readonly requiredBytes: number;
  readonly fits: boolean;
  /** Single-sequence decode speed (weights only, no KV cache) when it fits; otherwise null. */
  readonly decodeTokensPerSecond: number | null;
}

/** One catalogue device in the explorer's fit table. */
export interface DeviceFitRow {
  readonly deviceId: DeviceId;
  readonly name: string;
  readonly kind: DeviceKind;
  readonly memoryBytes: number;
  /** memoryBytes × (1 − headroom). */
  readonly usableBytes: number;
  readonly bandwidthBytesPerSecond: number;
  readonly decodeEfficiency: number;
  /** The highest-precision format that fits, or null when none does. */
  readonly bestFormat: QuantFormatId | null;
  readonly formats: readonly DeviceFormatFit[];
  /** Reasons any figure used for this device is flagged in the catalogue. */
  readonly flags: readonly string[];
}

/** Result of {@link explore}. */
export interface Exploration {
  readonly params: number;
  readonly servedTokens: number;
  readonly tokensPerParam: number;
  /** tokensPerParam × params. */
  readonly trainTokens: number;
  readonly preset: ExplorerPreset;
  /** Weight memory at every catalogue precision, in catalogue order. */
  readonly memory: readonly MemoryRow[];
  readonly weightBytes: Readonly<Record<QuantFormatId, number>>;
  readonly trainFlops: number;
  readonly inferenceFlops: number;
  readonly lifetimeFlops: number;
  /** `2NT / (6ND + 2NT)`. */
  readonly inferenceShare: number;
  /** Served tokens at which inference equals training, `3·D`. */
  readonly crossoverTokens: number;
  /** Seconds on one preset device to train: `6ND / (peak × utilisation)`. */
  readonly trainingSeconds: number;
  /** Seconds on one preset device to serve T tokens: `2NT / (peak × utilisation)`. */
  readonly servingSeconds: number;
  readonly trainingDeviceHours: number;
  readonly servingDeviceHours: number;
  /** Inference share over 0.5 B–500 B parameters (log-spaced) at this served volume. */
  readonly shareCurve: readonly SharePoint[];
  readonly devices: readonly DeviceFitRow[];
  /** Smallest lifetime compute reaching this model's loss at this served volume (Sardana et al. 2024). */
  readonly inferenceOptimal: InferenceOptimal & { readonly fit: ScalingFitId };
  readonly priceLadder: PriceLadder;
}

function logGrid(points: number): readonly number[] {
  const ratio = SHARE_CURVE_MAX_PARAMS / SHARE_CURVE_MIN_PARAMS;
  return Object.freeze(Array.from({ length: points }, (_, i) => SHARE_CURVE_MIN_PARAMS * ratio ** (i / (points - 1))));
}

const DEFAULT_GRID = logGrid(DEFAULT_CURVE_POINTS);

interface DeviceStatic {
  readonly deviceId: DeviceId;
  readonly name: string;
  readonly kind: DeviceKind;
  readonly memoryBytes: number;
  readonly bandwidthBytesPerSecond: number;
  readonly decodeEfficiency: number;
  readonly flags: readonly string[];
}

const DEVICE_STATIC: readonly DeviceStatic[] = Object.freeze(
  devices.map((d) => {
    const eff = defaultDecodeEfficiency(d.kind);
    const flags = [d.memoryBytes.flagged, d.bandwidthBytesPerSecond.flagged].filter(
      (f): f is string => f !== undefined,
    );
    return Object.freeze({
      deviceId: d.id,
      name: d.name,
      kind: d.kind,
      memoryBytes: d.memoryBytes.value,
      bandwidthBytesPerSecond: d.bandwidthBytesPerSecond.value,
      decodeEfficiency: eff.value,
      flags: Object.freeze(flags),
    });
  }),
);

/**
 * Computes every figure of the cost-curve explorer for one position of its sliders.
 *
 * With the `'lesson'` preset it reproduces the lesson: 3 B parameters and 10 B served tokens give
 * 6.00 GB at FP16, 1.50 GB at Q4, 12.5 days of training, 16.7 hours of serving and a crossover at
 * 180 B served tokens.
 *
 * Device fit considers the weights plus `runtimeOverheadBytes` against each device's memory less
 * the headroom; the KV cache depends on the architecture and context, so for a concrete model use
 * `kvCacheBytes` with `memoryFit`. Decode speeds assume a single sequence reading only the weights.
 *
 * @example
 * const e = explore({ params: 3e9, servedTokens: 10e9, preset: 'lesson' });
 * e.weightBytes.f16; // 6e9
 * e.weightBytes.q4; // 1.5e9
 * e.trainingSeconds / 86400; // 12.5
 * e.servingSeconds / 3600; // 16.67
 * e.crossoverTokens; // 180e9
 */
export function explore(options: ExploreOptions): Exploration {
  record('options', options);
  const params = positive('params', options.params);
  const served = nonNegative('servedTokens', options.servedTokens);
  const preset = explorerPresets[oneOf('preset', options.preset, explorerPresetIds)];
  const k =
    options.tokensPerParam === undefined
      ? preset.tokensPerParam.value
      : positive('tokensPerParam', options.tokensPerParam);
  const fit = options.fit === undefined ? 'epoch' : oneOf('fit', options.fit, scalingFitIds);
  const headroom =
    options.memoryHeadroom === undefined
      ? DEFAULT_MEMORY_HEADROOM
      : checkNumber('memoryHeadroom', options.memoryHeadroom, { min: 0, max: 1, maxExclusive: true });
  const overhead =
    options.runtimeOverheadBytes === undefined ? 0 : nonNegative('runtimeOverheadBytes', options.runtimeOverheadBytes);
  const points =
    options.curvePoints === undefined
      ? DEFAULT_CURVE_POINTS
      : checkNumber('curvePoints', options.curvePoints, { min: 2, max: 10_000, integer: true });

  const trainTokens = k * params;
  const compute = lifetimeCompute({ params, trainTokens, servedTokens: served });
  const device = { peakFlops: preset.peakFlops.value, utilization: preset.utilization.value };
  const trainingSeconds = deviceSeconds(compute.trainFlops, device);
  const servingSeconds = deviceSeconds(compute.inferenceFlops, device);

  const memory: MemoryRow[] = [];
  const bytesByFormat = {} as Record<QuantFormatId, number>;
  for (const id of quantFormatIds) {
    const format = quantFormats[id];
    const bytes = weightBytes(params, id);
    bytesByFormat[id] = bytes;
    memory.push({ format: id, label: format.label, bitsPerWeight: format.bitsPerWeight, weightBytes: bytes });
  }

  // The curve is `inferenceShareAtScale` at each grid point, inlined: it runs 100 times per frame.
  const shareCurve = (points === DEFAULT_CURVE_POINTS ? DEFAULT_GRID : logGrid(points)).map((n): SharePoint => {
    const infer = INFER * served;
    const total = TRAIN * k * n + infer;
    return { params: n, share: total === 0 ? 0 : infer / total };
  });

  const deviceRows = DEVICE_STATIC.map((d): DeviceFitRow => {
    const usable = d.memoryBytes * (1 - headroom);
    let best: QuantFormatId | null = null;
    let bestBits = -1;
    const formats = memory.map((m): DeviceFormatFit => {
      const required = m.weightBytes + overhead;
      const fits = required <= usable;
      if (fits && m.bitsPerWeight > bestBits) {
        best = m.format;
        bestBits = m.bitsPerWeight;
      }
      return {
        format: m.format,
        requiredBytes: required,
        fits,
        decodeTokensPerSecond: fits ? (d.bandwidthBytesPerSecond * d.decodeEfficiency) / m.weightBytes : null,
      };
    });
    return { ...d, usableBytes: usable, bestFormat: best, formats };
  });

  return {
    params,
    servedTokens: served,
    tokensPerParam: k,
    trainTokens,
    preset,
    memory,
    weightBytes: bytesByFormat,
    trainFlops: compute.trainFlops,
    inferenceFlops: compute.inferenceFlops,
    lifetimeFlops: compute.trainFlops + compute.inferenceFlops,
    inferenceShare: compute.inferenceShare,
    crossoverTokens: compute.crossoverTokens,
    trainingSeconds,
    servingSeconds,
    trainingDeviceHours: trainingSeconds / SECONDS_PER_HOUR,
    servingDeviceHours: servingSeconds / SECONDS_PER_HOUR,
    shareCurve,
    devices: deviceRows,
    inferenceOptimal: { ...inferenceOptimal({ params, servedTokens: served, fit, referenceTokensPerParam: k }), fit },
    priceLadder: priceLadder(),
  };
}
