/**
 * Compute: FLOPs to train and to serve a dense transformer, their shares of lifetime compute,
 * and device time.
 *
 * N is the parameter count, D the training tokens, T the tokens served over the model's life.
 *
 * @module
 */
import {
  CHINCHILLA_TOKENS_PER_PARAM,
  INFERENCE_FLOPS_PER_PARAM_TOKEN,
  TRAINING_FLOPS_PER_PARAM_TOKEN,
} from './catalog/scaling.ts';
import { efficiency, nonNegative, positive, record } from './validate.ts';

const TRAIN = TRAINING_FLOPS_PER_PARAM_TOKEN.value;
const INFER = INFERENCE_FLOPS_PER_PARAM_TOKEN.value;
const CHINCHILLA = CHINCHILLA_TOKENS_PER_PARAM.value;

/**
 * Training compute `C = 6·N·D` FLOPs (Kaplan et al. 2020, arXiv 2001.08361: 2 forward + 4 backward
 * FLOPs per parameter per token; attention, optimiser and normalisation are ignored).
 *
 * @param params Parameters N (> 0).
 * @param tokens Training tokens D (≥ 0).
 * @example
 * trainingFlops(3e9, 60e9); // 1.08e21
 */
export function trainingFlops(params: number, tokens: number): number {
  return TRAIN * positive('params', params) * nonNegative('tokens', tokens);
}

/**
 * Inference compute `2·N·T` FLOPs for T tokens through the forward pass (Kaplan 2020; Sardana et al.
 * 2024 use the same 2N per token).
 *
 * @param params Parameters N (> 0).
 * @param tokens Tokens processed T (≥ 0), prompt and generated alike.
 * @example
 * inferenceFlops(3e9, 10e9); // 6e19
 */
export function inferenceFlops(params: number, tokens: number): number {
  return INFER * positive('params', params) * nonNegative('tokens', tokens);
}

/**
 * Chinchilla-optimal training tokens by the rule of thumb `D ≈ 20·N` (Hoffmann et al. 2022).
 *
 * @example
 * chinchillaTokens(3e9); // 60e9
 */
export function chinchillaTokens(params: number): number {
  return CHINCHILLA * positive('params', params);
}

/** Options of {@link lifetimeCompute}. */
export interface LifetimeComputeOptions {
  /** Parameters N (> 0). */
  readonly params: number;
  /** Training tokens D (≥ 0). */
  readonly trainTokens: number;
  /** Tokens served over the model's life T (≥ 0). */
  readonly servedTokens: number;
}

/** Result of {@link lifetimeCompute}. */
export interface LifetimeCompute {
  readonly trainFlops: number;
  readonly inferenceFlops: number;
  /** `2NT / (6ND + 2NT)`, in [0, 1]; 0 when nothing is trained or served. */
  readonly inferenceShare: number;
  /** Served tokens at which inference compute equals training compute: `6ND / 2N = 3·D`. */
  readonly crossoverTokens: number;
}

/**
 * Training and inference compute over a model's life, the share that is inference, and the served
 * volume at which inference overtakes training (`3·D`, i.e. `60·N` for a Chinchilla-trained model).
 *
 * @example
 * lifetimeCompute({ params: 3e9, trainTokens: 60e9, servedTokens: 10e9 });
 * // { trainFlops: 1.08e21, inferenceFlops: 6e19, inferenceShare: 0.0526…, crossoverTokens: 180e9 }
 */
export function lifetimeCompute(options: LifetimeComputeOptions): LifetimeCompute {
  record('options', options);
  const n = positive('params', options.params);
  const d = nonNegative('trainTokens', options.trainTokens);
  const t = nonNegative('servedTokens', options.servedTokens);
  const train = TRAIN * n * d;
  const infer = INFER * n * t;
  const total = train + infer;
  return {
    trainFlops: train,
    inferenceFlops: infer,
    inferenceShare: total === 0 ? 0 : infer / total,
    crossoverTokens: (TRAIN / INFER) * d,
  };
}

/**
 * Inference share of lifetime compute when training tokens scale with the model,
 * `D = tokensPerParam·N`: `2NT / (6N·kN + 2NT) = T / (3kN + T)`. Falls as N grows at a fixed
 * served volume; this is the explorer's dashed curve.
 *
 * @example
 * inferenceShareAtScale({ params: 3e9, servedTokens: 10e9, tokensPerParam: 20 }); // 10/190 ≈ 0.0526
 */
export function inferenceShareAtScale(options: {
  readonly params: number;
  readonly servedTokens: number;
  readonly tokensPerParam: number;
}): number {
  record('options', options);
  const n = positive('params', options.params);
  const t = nonNegative('servedTokens', options.servedTokens);
  const k = positive('tokensPerParam', options.tokensPerParam);
  const infer = INFER * t;
  const train = TRAIN * k * n;
  return infer / (train + infer);
}

/** Options of {@link deviceSeconds}. */
export interface DeviceOptions {
  /** Peak dense FLOP/s of one device (> 0). */
  readonly peakFlops: number;
  /** Achieved fraction of peak, in (0, 1] (MFU). */
  readonly utilization: number;
}

/**
 * Seconds of one device to execute `flops`: `flops / (peakFlops × utilization)`.
 *
 * @example
 * deviceSeconds(1.08e21, { peakFlops: 1e15, utilization: 1 }); // 1.08e6 s = 12.5 days
 * deviceSeconds(1.08e21, { peakFlops: 989.4e12, utilization: 0.4 }); // ≈ 2.73e6 s
 */
export function deviceSeconds(flops: number, options: DeviceOptions): number {
  nonNegative('flops', flops);
  record('options', options);
  const peak = positive('peakFlops', options.peakFlops);
  const util = efficiency('utilization', options.utilization);
  return flops / (peak * util);
}
