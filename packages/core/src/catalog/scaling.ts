/**
 * Scaling-law constants: FLOP accounting (Kaplan 2020), the Chinchilla rule of thumb, the two
 * parametric loss fits, and Llama 3's over-training figures.
 *
 * @module
 */
import { deepFreeze, figure, provenance, type Provenance, type Sourced } from './provenance.ts';

/** Identifiers of the parametric loss fits. */
export type ScalingFitId = 'hoffmann' | 'epoch';

/** Constants of `L(N, D) = E + A / N^alpha + B / D^beta`. */
export interface ScalingFit extends Provenance {
  readonly id: ScalingFitId;
  readonly label: string;
  /** Irreducible loss, nats per token. */
  readonly E: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
}

/**
 * The parametric loss fits.
 *
 * - `hoffmann`: Hoffmann et al. 2022, Approach 3 (rounded published values). Besiroglu et al. show
 *   these fit the reconstructed data poorly; their compute-optimal frontier implies about 50–120
 *   tokens per parameter (78 at 1e23 FLOPs) rather than the ~20 of Approaches 1–2.
 * - `epoch`: Besiroglu, Erdil, Barnett and You (Epoch AI) 2024 refit of the same data, which
 *   recovers roughly 20 tokens per parameter at today's budgets.
 *
 * @example
 * scalingLawFits.epoch.alpha; // 0.3478
 */
export const scalingLawFits: Readonly<Record<ScalingFitId, ScalingFit>> = deepFreeze({
  hoffmann: {
    id: 'hoffmann',
    label: 'Hoffmann et al. 2022 (Chinchilla, Approach 3)',
    E: 1.69,
    A: 406.4,
    B: 410.7,
    alpha: 0.34,
    beta: 0.28,
    ...provenance({
      source:
        "Hoffmann et al. 2022, 'Training Compute-Optimal Large Language Models', arXiv 2203.15556, Eq. 10 (E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28)",
      status: 'confirmed',
      asOf: '2022-03',
      note: 'Unrounded E = 1.6934, alpha = 0.3392, beta = 0.2849 per Besiroglu et al.; unrounded A and B are not published in the sources found.',
    }),
  },
  epoch: {
    id: 'epoch',
    label: 'Besiroglu et al. 2024 (Epoch AI replication)',
    E: 1.8172,
    A: 482.01,
    B: 2085.43,
    alpha: 0.3478,
    beta: 0.3658,
    ...provenance({
      source:
        "Besiroglu, Erdil, Barnett, You (Epoch AI), 'Chinchilla Scaling: A replication attempt', arXiv 2404.10102 v2; values as quoted at epochai.org/blog/chinchilla-scaling-a-replication-attempt",
      status: 'secondary',
      asOf: '2024-05-24',
      note: 'Standard errors: E 0.03, A 124.58, B 1293.23, alpha 0.02, beta 0.02. 240 data points, Huber loss, 4,000 bootstraps.',
    }),
  },
});

/**
 * All loss-fit ids.
 *
 * @example
 * scalingFitIds.map((fit) => chinchillaLoss(70e9, 1.4e12, fit)); // [≈ 1.937, ≈ 1.974]
 */
export const scalingFitIds: readonly ScalingFitId[] = ['hoffmann', 'epoch'];

/**
 * Training FLOPs per parameter per token: forward (2) + backward (4).
 * Source: Kaplan et al. 2020, arXiv 2001.08361, Sec. 3 (C = 6NBS).
 *
 * @example
 * TRAINING_FLOPS_PER_PARAM_TOKEN.value * 3e9 * 60e9; // 1.08e21
 */
export const TRAINING_FLOPS_PER_PARAM_TOKEN: Sourced<number> = figure(6, {
  source:
    "Kaplan et al. 2020, 'Scaling Laws for Neural Language Models', arXiv 2001.08361, Sec. 3: C = 6NBS, the factor 6 for forward and backward passes",
  status: 'confirmed',
  asOf: '2020-01',
});

/**
 * Inference (forward-pass) FLOPs per parameter per token.
 * Source: Kaplan et al. 2020 Table 1 (~2N, attention term omitted); Sardana et al. 2024 use 2N.
 *
 * @example
 * INFERENCE_FLOPS_PER_PARAM_TOKEN.value * 3e9 * 10e9; // 6e19
 */
export const INFERENCE_FLOPS_PER_PARAM_TOKEN: Sourced<number> = figure(2, {
  source:
    'Kaplan et al. 2020, arXiv 2001.08361, Table 1 (forward ≈ 2N FLOPs per token, attention term omitted); Sardana et al. 2024, arXiv 2401.00448',
  status: 'confirmed',
  asOf: '2020-01',
});

/**
 * Chinchilla rule of thumb: about 20 training tokens per parameter.
 * Source: Hoffmann et al. 2022 (Chinchilla 70B trained on 1.4T tokens).
 *
 * @example
 * CHINCHILLA_TOKENS_PER_PARAM.value * 3e9; // 60e9
 */
export const CHINCHILLA_TOKENS_PER_PARAM: Sourced<number> = figure(20, {
  source: 'Hoffmann et al. 2022, arXiv 2203.15556: Chinchilla 70B trained on 1.4T tokens (~20 tokens per parameter)',
  status: 'confirmed',
  asOf: '2022-03',
});

/**
 * Llama 3 8B as the lesson's example of over-training.
 *
 * @example
 * llama3Overtraining.tokensPerParam.value; // 1875
 */
export const llama3Overtraining = deepFreeze({
  pretrainingTokens: figure(15e12, {
    source:
      "Meta Llama 3 release blog: 'pretrained on over 15 trillion tokens'; 8B and 70B 'continued to improve log-linearly after we trained them on up to 15T tokens'",
    status: 'confirmed',
  }),
  nominalParams: figure(8e9, { source: 'Meta Llama 3 release blog (the 8B model, nominal size)', status: 'confirmed' }),
  tokensPerParam: figure(1875, {
    source: 'derived: 15e12 tokens / 8e9 nominal parameters (1,868 with the config-derived 8,030,261,248)',
    status: 'derived',
  }),
  metaChinchillaOptimalTokens: figure(200e9, {
    source:
      "Meta Llama 3 release blog: 'the Chinchilla-optimal amount of training compute for an 8B parameter model corresponds to ~200B tokens'",
    status: 'confirmed',
    note: 'Meta’s 200B is 25 tokens per parameter; against it Llama 3 8B is 75× over-trained, against the 20-tokens rule 94×.',
  }),
} as const);
