/**
 * Parametric loss and the compute-optimal and inference-optimal model sizes it implies.
 *
 * @module
 */
import {
  CHINCHILLA_TOKENS_PER_PARAM,
  INFERENCE_FLOPS_PER_PARAM_TOKEN,
  scalingFitIds,
  scalingLawFits,
  TRAINING_FLOPS_PER_PARAM_TOKEN,
  type ScalingFit,
  type ScalingFitId,
} from './catalog/scaling.ts';
import { nonNegative, oneOf, positive, record } from './validate.ts';

const TRAIN_FLOPS_PER_PARAM_TOKEN = TRAINING_FLOPS_PER_PARAM_TOKEN.value;
const INFER_FLOPS_PER_PARAM_TOKEN = INFERENCE_FLOPS_PER_PARAM_TOKEN.value;

function fitOf(fit: unknown): ScalingFit {
  return scalingLawFits[oneOf('fit', fit, scalingFitIds)];
}

/**
 * Pre-training loss predicted by the parametric fit `L(N, D) = E + A / N^α + B / D^β`
 * (Hoffmann et al. 2022, Eq. 2; constants in `scalingLawFits`).
 *
 * @param params Parameters N (> 0).
 * @param tokens Training tokens D (> 0).
 * @param fit `'hoffmann'` (Hoffmann et al. 2022, Approach 3) or `'epoch'` (Besiroglu et al. 2024).
 * @example
 * chinchillaLoss(70e9, 1.4e12, 'hoffmann'); // ≈ 1.937 (Chinchilla)
 */
export function chinchillaLoss(params: number, tokens: number, fit: ScalingFitId): number {
  const n = positive('params', params);
  const d = positive('tokens', tokens);
  const f = fitOf(fit);
  return f.E + f.A / n ** f.alpha + f.B / d ** f.beta;
}

/** A point on the (N, D) plane with its loss. */
export interface TrainingPlan {
  readonly params: number;
  readonly tokens: number;
  /** tokens / params. */
  readonly tokensPerParam: number;
  /** Predicted loss at (params, tokens). */
  readonly loss: number;
}

/**
 * The model size and training tokens that minimise the fitted loss for a training budget
 * `C = 6·N·D` FLOPs. Closed form (Hoffmann et al. 2022, Eq. 4):
 * `N* = G·(C/6)^(β/(α+β))`, `D* = G⁻¹·(C/6)^(α/(α+β))`, `G = (αA / (βB))^(1/(α+β))`; E does not
 * move the optimum.
 *
 * @example
 * computeOptimal(1e23, 'epoch'); // { params: ≈ 2.94e10, tokens: ≈ 5.66e11, tokensPerParam: ≈ 19.2, … }
 * computeOptimal(1e23, 'hoffmann'); // { params: ≈ 1.46e10, tokens: ≈ 1.14e12, tokensPerParam: ≈ 78.2, … }
 */
export function computeOptimal(flops: number, fit: ScalingFitId): TrainingPlan {
  const c = positive('flops', flops);
  const f = fitOf(fit);
  const sum = f.alpha + f.beta;
  const g = ((f.alpha * f.A) / (f.beta * f.B)) ** (1 / sum);
  const base = c / TRAIN_FLOPS_PER_PARAM_TOKEN;
  const params = g * base ** (f.beta / sum);
  const tokens = base ** (f.alpha / sum) / g;
  return {
    params,
    tokens,
    tokensPerParam: tokens / params,
    loss: f.E + f.A / params ** f.alpha + f.B / tokens ** f.beta,
  };
}

/** Options of {@link inferenceOptimal}. */
export interface InferenceOptimalOptions {
  /** Parameters of the reference model, trained on `referenceTokensPerParam × params` tokens. */
  readonly params: number;
  /** Tokens the model will serve over its life (≥ 0). */
  readonly servedTokens: number;
  readonly fit: ScalingFitId;
  /** Training tokens per parameter of the reference model; default 20 (Chinchilla). */
  readonly referenceTokensPerParam?: number;
}

/** Result of {@link inferenceOptimal}. */
export interface InferenceOptimal extends TrainingPlan {
  /** Loss of the reference model, which the optimum matches. */
  readonly targetLoss: number;
  /** `6·N·D + 2·N·servedTokens` at the optimum. */
  readonly lifetimeFlops: number;
  readonly trainFlops: number;
  readonly inferenceFlops: number;
  /** Lifetime FLOPs of the reference minus those of the optimum (≥ 0). */
  readonly savedFlops: number;
  /** savedFlops / reference lifetime FLOPs, in [0, 1). */
  readonly savedFraction: number;
  readonly reference: { readonly params: number; readonly tokens: number; readonly lifetimeFlops: number };
}

/**
 * The model size and training tokens that reach the loss of a reference model (`params` trained on
 * `referenceTokensPerParam × params` tokens, Chinchilla's 20 by default) with the least lifetime
 * compute `6·N·D + 2·N·servedTokens` — Sardana et al. 2024, "Beyond Chinchilla-Optimal"
 * (arXiv 2401.00448) — and the FLOPs saved against training and serving the reference itself.
 *
 * Method: on the iso-loss curve, D follows from N in closed form,
 * `D(N) = (B / (L* − E − A/N^α))^(1/β)`. With u = ln N, ln(6·N·D(N)) is convex in u, and so is
 * ln(6·N·D + 2·N·T) (a sum of log-convex terms), so the optimum is the single root of the
 * derivative. Without serving (T = 0) that root has the closed form
 * `A/N^α = (L* − E)·β/(α+β)` — the compute-optimal point for the resulting budget — and serving only
 * moves it to smaller N, so the root is bracketed between the loss's asymptote
 * `N_min = (A / (L* − E))^(1/α)` and that point, and found by bisection to machine precision
 * (deterministic, about 60 steps).
 *
 * With the Hoffmann fit the reference is not itself compute-optimal (its optimum is ~50–120 tokens
 * per parameter), so `savedFlops` is positive even with nothing served.
 *
 * @example
 * const r = inferenceOptimal({ params: 7e9, servedTokens: 2e12, fit: 'epoch' });
 * r.params < 7e9; // true: serving 2T tokens favours a smaller model…
 * r.tokensPerParam > 20; // true: …trained longer
 */
export function inferenceOptimal(options: InferenceOptimalOptions): InferenceOptimal {
  record('options', options);
  const n0 = positive('params', options.params);
  const t = nonNegative('servedTokens', options.servedTokens);
  const f = fitOf(options.fit);
  const k =
    options.referenceTokensPerParam === undefined
      ? CHINCHILLA_TOKENS_PER_PARAM.value
      : positive('referenceTokensPerParam', options.referenceTokensPerParam);
  const d0 = k * n0;
  const { E, A, B, alpha, beta } = f;
  const targetLoss = E + A / n0 ** alpha + B / d0 ** beta;
  const reducible = targetLoss - E;

  const tokensAt = (u: number): number => {
    const r = reducible - A * Math.exp(-alpha * u);
    return r > 0 ? (B / r) ** (1 / beta) : Number.POSITIVE_INFINITY;
  };
  // Sign of d/du of lifetime FLOPs, divided by e^u.
  const slope = (u: number): number => {
    const r = reducible - A * Math.exp(-alpha * u);
    if (!(r > 0)) return Number.NEGATIVE_INFINITY;
    const d = (B / r) ** (1 / beta);
    return (
      TRAIN_FLOPS_PER_PARAM_TOKEN * d * (1 - (alpha / beta) * (reducible / r - 1)) + INFER_FLOPS_PER_PARAM_TOKEN * t
    );
  };

  const uTrainOnly = Math.log((A * (alpha + beta)) / (reducible * beta)) / alpha;
  let u = uTrainOnly;
  if (t > 0) {
    let lo = Math.log(A / reducible) / alpha;
    let hi = uTrainOnly;
    for (let i = 0; i < 200; i += 1) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (slope(mid) >= 0) hi = mid;
      else lo = mid;
    }
    u = hi;
  }

  const lifetime = (n: number, d: number): number =>
    TRAIN_FLOPS_PER_PARAM_TOKEN * n * d + INFER_FLOPS_PER_PARAM_TOKEN * n * t;
  const referenceLifetime = lifetime(n0, d0);
  let params = Math.exp(u);
  let tokens = tokensAt(u);
  // The reference lies on the same curve; keep it if rounding left the search a hair above it.
  if (!(lifetime(params, tokens) < referenceLifetime)) {
    params = n0;
    tokens = d0;
  }
  const train = TRAIN_FLOPS_PER_PARAM_TOKEN * params * tokens;
  const infer = INFER_FLOPS_PER_PARAM_TOKEN * params * t;
  const saved = referenceLifetime - (train + infer);
  return {
    params,
    tokens,
    tokensPerParam: tokens / params,
    loss: E + A / params ** alpha + B / tokens ** beta,
    targetLoss,
    lifetimeFlops: train + infer,
    trainFlops: train,
    inferenceFlops: infer,
    savedFlops: saved,
    savedFraction: saved / referenceLifetime,
    reference: { params: n0, tokens: d0, lifetimeFlops: referenceLifetime },
  };
}
