/**
 * Prices: API list prices per million tokens, and cloud GPU rental per GPU-hour.
 *
 * Prices drift; every entry carries the date its source shows (or says that it shows none).
 *
 * @module
 */
import type { DecoderModelId } from './models.ts';
import type { DeviceId } from './devices.ts';
import { deepFreeze, provenance, type Provenance } from './provenance.ts';

/** Identifiers of the entries in {@link apiPrices}. */
export type ApiPriceId =
  | 'openai-gpt-4o'
  | 'openai-gpt-4o-mini'
  | 'anthropic-claude-opus-4'
  | 'anthropic-claude-sonnet-4'
  | 'anthropic-claude-haiku-3.5'
  | 'anthropic-claude-haiku-3'
  | 'anthropic-claude-haiku-4.5'
  | 'google-gemini-2.0-flash'
  | 'google-gemini-2.5-flash'
  | 'google-gemini-2.5-flash-lite'
  | 'together-llama-3.1-8b'
  | 'together-llama-3.1-70b'
  | 'fireworks-llama-3.1-8b'
  | 'fireworks-llama-3.1-70b'
  | 'deepinfra-llama-3.1-8b'
  | 'deepinfra-llama-3.1-70b'
  | 'groq-llama-3.1-8b-instant'
  | 'groq-llama-3.1-70b-versatile';

/** One API price: USD per million input and output tokens (standard tier, no batch or cache discount). */
export interface ApiPrice extends Provenance {
  readonly id: ApiPriceId;
  readonly model: string;
  readonly provider: string;
  readonly inputUsdPerMillion: number;
  readonly outputUsdPerMillion: number;
  /** The open-weight model served, when it is in the model catalogue. */
  readonly openModel?: DecoderModelId;
}

const UNDATED_OPEN_WEIGHT_FLAG =
  "Open-weight provider prices from aggregators or code copies with no date shown; check against the provider's live pricing before use.";
const ANTHROPIC_PRICING =
  "docs.anthropic.com/en/docs/about-claude/pricing (copy listing Opus 4.1, so August 2025 or later); deploybase.ai/articles/claude-api-pricing 'as of March 21, 2026'";
const OPENAI_PRICING =
  "chatgptpricing.com/api 'Current Model Pricing (March 2025)'; deploybase.ai/articles/openai-pricing ('Data from OpenAI pricing page, March 2026'), unchanged between the two";

/**
 * API prices, USD per million tokens.
 *
 * @example
 * const opus = apiPrices.find((p) => p.id === 'anthropic-claude-opus-4')!;
 * opus.outputUsdPerMillion; // 75
 */
export const apiPrices: readonly ApiPrice[] = deepFreeze<readonly ApiPrice[]>([
  {
    id: 'openai-gpt-4o',
    model: 'GPT-4o',
    provider: 'OpenAI',
    inputUsdPerMillion: 2.5,
    outputUsdPerMillion: 10,
    ...provenance({
      source: OPENAI_PRICING,
      status: 'secondary',
      asOf: '2026-03',
      note: 'Batch API 50 % off; cached input $1.25.',
    }),
  },
  {
    id: 'openai-gpt-4o-mini',
    model: 'GPT-4o-mini',
    provider: 'OpenAI',
    inputUsdPerMillion: 0.15,
    outputUsdPerMillion: 0.6,
    ...provenance({ source: OPENAI_PRICING, status: 'secondary', asOf: '2026-03', note: 'Cached input $0.075.' }),
  },
  {
    id: 'anthropic-claude-opus-4',
    model: 'Claude Opus 4',
    provider: 'Anthropic',
    inputUsdPerMillion: 15,
    outputUsdPerMillion: 75,
    ...provenance({
      source: ANTHROPIC_PRICING,
      status: 'confirmed',
      asOf: '2026-03-21',
      note: 'Batch $7.50 / $37.50; cache hits $1.50.',
    }),
  },
  {
    id: 'anthropic-claude-sonnet-4',
    model: 'Claude Sonnet 4',
    provider: 'Anthropic',
    inputUsdPerMillion: 3,
    outputUsdPerMillion: 15,
    ...provenance({
      source: ANTHROPIC_PRICING,
      status: 'confirmed',
      asOf: '2026-03-21',
      note: 'Above 200K input tokens: $6 / $22.50; batch $1.50 / $7.50.',
    }),
  },
  {
    id: 'anthropic-claude-haiku-3.5',
    model: 'Claude Haiku 3.5',
    provider: 'Anthropic',
    inputUsdPerMillion: 0.8,
    outputUsdPerMillion: 4,
    ...provenance({
      source: 'docs.anthropic.com pricing (copy, August 2025 or later)',
      status: 'confirmed',
      asOf: '2025-08',
    }),
  },
  {
    id: 'anthropic-claude-haiku-3',
    model: 'Claude Haiku 3',
    provider: 'Anthropic',
    inputUsdPerMillion: 0.25,
    outputUsdPerMillion: 1.25,
    ...provenance({
      source: 'docs.anthropic.com pricing (copy); deploybase.ai March 2026',
      status: 'confirmed',
      asOf: '2026-03',
    }),
  },
  {
    id: 'anthropic-claude-haiku-4.5',
    model: 'Claude Haiku 4.5',
    provider: 'Anthropic',
    inputUsdPerMillion: 1,
    outputUsdPerMillion: 5,
    ...provenance({
      source: "deploybase.ai/articles/claude-api-pricing 'as of March 21, 2026'",
      status: 'secondary',
      asOf: '2026-03-21',
    }),
  },
  {
    id: 'google-gemini-2.0-flash',
    model: 'Gemini 2.0 Flash',
    provider: 'Google',
    inputUsdPerMillion: 0.1,
    outputUsdPerMillion: 0.4,
    ...provenance({
      source: "morphllm.com/gemini-api-pricing ('All rates ... from Google's pricing page at ai.google.dev')",
      status: 'secondary',
      asOf: '2026',
      asOfBasis: 'inferred',
      note: 'Page shows no date (2026 era). 2.0 Flash is deprecated and shuts down on 1 June 2026.',
    }),
  },
  {
    id: 'google-gemini-2.5-flash',
    model: 'Gemini 2.5 Flash',
    provider: 'Google',
    inputUsdPerMillion: 0.3,
    outputUsdPerMillion: 2.5,
    ...provenance({
      source: "deploybase.ai/articles/gemini-2.5-pricing 'Pricing (March 2026)'; morphllm.com; nicolalazzari.ai",
      status: 'secondary',
      asOf: '2026-03',
    }),
  },
  {
    id: 'google-gemini-2.5-flash-lite',
    model: 'Gemini 2.5 Flash-Lite',
    provider: 'Google',
    inputUsdPerMillion: 0.1,
    outputUsdPerMillion: 0.4,
    ...provenance({ source: 'morphllm.com; nicolalazzari.ai', status: 'secondary', asOf: '2026' }),
  },
  {
    id: 'together-llama-3.1-8b',
    model: 'Llama-3.1-8B-Instruct-Turbo',
    provider: 'Together AI',
    inputUsdPerMillion: 0.18,
    outputUsdPerMillion: 0.18,
    openModel: 'llama-3.1-8b',
    ...provenance({
      source: 'Together price tables in several public code repositories; getmaxim.ai Bifrost cost calculator',
      status: 'secondary',
      asOf: '2024',
      asOfBasis: 'inferred',
      note: 'No date shown (2024–2025 era). One page claims $0.20 / $0.60, inconsistent with every other source and not used.',
      flagged: UNDATED_OPEN_WEIGHT_FLAG,
    }),
  },
  {
    id: 'together-llama-3.1-70b',
    model: 'Llama-3.1-70B-Instruct-Turbo',
    provider: 'Together AI',
    inputUsdPerMillion: 0.88,
    outputUsdPerMillion: 0.88,
    openModel: 'llama-3.1-70b',
    ...provenance({
      source:
        'Together price tables in public code repositories; getmaxim.ai/bifrost/llm-cost-calculator (together_ai, meta-llama-3.1-70b-instruct-turbo)',
      status: 'secondary',
      asOf: '2024',
      asOfBasis: 'inferred',
      note: 'No date shown (2024–2025 era).',
      flagged: UNDATED_OPEN_WEIGHT_FLAG,
    }),
  },
  {
    id: 'fireworks-llama-3.1-8b',
    model: 'Llama-3.1-8B-Instruct (up to 16B tier)',
    provider: 'Fireworks AI',
    inputUsdPerMillion: 0.2,
    outputUsdPerMillion: 0.2,
    openModel: 'llama-3.1-8b',
    ...provenance({
      source: "fireworks.ai/pricing copy: 'up to 16B $0.20' per 1M tokens (serverless)",
      status: 'confirmed',
      asOf: '2024',
      asOfBasis: 'inferred',
      note: 'Page shows no date (2024 era).',
    }),
  },
  {
    id: 'fireworks-llama-3.1-70b',
    model: 'Llama-3.1-70B-Instruct (16.1B–80B tier)',
    provider: 'Fireworks AI',
    inputUsdPerMillion: 0.9,
    outputUsdPerMillion: 0.9,
    openModel: 'llama-3.1-70b',
    ...provenance({
      source:
        "fireworks.ai/pricing copy: '16.1B - 80B $0.90'; a code repository price table (llama-v3p1-70b-instruct 0.90/0.90)",
      status: 'confirmed',
      asOf: '2024',
      asOfBasis: 'inferred',
      note: 'Page shows no date (2024 era).',
    }),
  },
  {
    id: 'deepinfra-llama-3.1-8b',
    model: 'Meta-Llama-3.1-8B-Instruct-Turbo',
    provider: 'DeepInfra',
    inputUsdPerMillion: 0.02,
    outputUsdPerMillion: 0.03,
    openModel: 'llama-3.1-8b',
    ...provenance({
      source:
        'getmaxim.ai/bifrost/llm-cost-calculator/provider/deepinfra/model/meta-llama-3.1-8b-instruct-turbo (LiteLLM-derived price list)',
      status: 'secondary',
      asOf: '2025',
      asOfBasis: 'inferred',
      note: 'No date shown (2025–2026 aggregator).',
      flagged: UNDATED_OPEN_WEIGHT_FLAG,
    }),
  },
  {
    id: 'deepinfra-llama-3.1-70b',
    model: 'Meta-Llama-3.1-70B-Instruct-Turbo',
    provider: 'DeepInfra',
    inputUsdPerMillion: 0.4,
    outputUsdPerMillion: 0.4,
    openModel: 'llama-3.1-70b',
    ...provenance({
      source: 'getmaxim.ai/bifrost/llm-cost-calculator/provider/deepinfra/model/meta-llama-3.1-70b-instruct-turbo',
      status: 'secondary',
      asOf: '2025',
      asOfBasis: 'inferred',
      note: 'No date shown (2025–2026 aggregator).',
      flagged: UNDATED_OPEN_WEIGHT_FLAG,
    }),
  },
  {
    id: 'groq-llama-3.1-8b-instant',
    model: 'llama-3.1-8b-instant',
    provider: 'Groq',
    inputUsdPerMillion: 0.05,
    outputUsdPerMillion: 0.08,
    openModel: 'llama-3.1-8b',
    ...provenance({
      source: 'a public code repository price table',
      status: 'secondary',
      note: 'No date shown.',
      flagged: UNDATED_OPEN_WEIGHT_FLAG,
    }),
  },
  {
    id: 'groq-llama-3.1-70b-versatile',
    model: 'llama-3.1-70b-versatile',
    provider: 'Groq',
    inputUsdPerMillion: 0.59,
    outputUsdPerMillion: 0.79,
    openModel: 'llama-3.1-70b',
    ...provenance({
      source: 'a public code repository price table',
      status: 'secondary',
      note: 'No date shown.',
      flagged: UNDATED_OPEN_WEIGHT_FLAG,
    }),
  },
]);

/** One cloud GPU rental price, USD per GPU-hour; a single quote has `low === high`. */
export interface CloudGpuPrice extends Provenance {
  readonly id: string;
  readonly gpu: string;
  readonly offering: string;
  /** The catalogue device this price rents, when known. */
  readonly deviceId?: DeviceId;
  readonly usdPerGpuHourLow: number;
  readonly usdPerGpuHourHigh: number;
}

const H100_PRICE_FLAG =
  'Cloud H100 on-demand prices fell sharply in 2025–2026 and sources disagree; treat every GPU-hour price as a dated snapshot.';
const COSTNIMBUS =
  "costnimbus.com/article/gpu-cost-management-ml-teams, table 'Current GPU Pricing Reality (March 2026)'";

/**
 * Cloud GPU prices, USD per GPU-hour. All are dated snapshots; H100 entries carry the reference's
 * warning that prices fell sharply in 2025–2026.
 *
 * @example
 * const l4 = cloudGpuPrices.find((p) => p.id === 'runpod-l4')!;
 * l4.usdPerGpuHourLow; // 0.44
 */
export const cloudGpuPrices: readonly CloudGpuPrice[] = deepFreeze<readonly CloudGpuPrice[]>([
  {
    id: 'aws-p5-h100-list-2023',
    gpu: 'H100 80GB',
    offering: 'AWS p5.48xlarge on-demand ($98.32/h for 8 GPUs), list price before the June 2025 cut',
    deviceId: 'h100-sxm',
    usdPerGpuHourLow: 12.29,
    usdPerGpuHourHigh: 12.29,
    ...provenance({
      source: "nextplatform.com (2023-07-27); awsnegotiations.com 2026 list ('~$98.30/hr'); divided by 8 GPUs",
      status: 'secondary',
      asOf: '2023-07-27',
      flagged: H100_PRICE_FLAG,
    }),
  },
  {
    id: 'aws-p5-h100-2026-03',
    gpu: 'H100 80GB',
    offering: 'AWS EC2 P5 on-demand',
    deviceId: 'h100-sxm',
    usdPerGpuHourLow: 3.9,
    usdPerGpuHourHigh: 3.9,
    ...provenance({
      source: COSTNIMBUS,
      status: 'secondary',
      asOf: '2026-03',
      note: 'Same table: GCP A3-High ~$3.00, Azure NC H100 v5 ~$6.98, Lambda $2.99, CoreWeave $6.16, RunPod community $1.99, Vast.ai $1.49–1.87. AWS cut H100 prices about 44 % in June 2025.',
      flagged: H100_PRICE_FLAG,
    }),
  },
  {
    id: 'tier2-h100-2026-q1',
    gpu: 'H100 80GB',
    offering: 'Tier-2 clouds (CoreWeave, Lambda, Crusoe)',
    deviceId: 'h100-sxm',
    usdPerGpuHourLow: 2.49,
    usdPerGpuHourHigh: 2.85,
    ...provenance({
      source: 'digiterialabs.com, Cloud GPU Pricing Shifts in Q1 2026',
      status: 'secondary',
      asOf: '2026',
      note: 'Q1 2026.',
      flagged: H100_PRICE_FLAG,
    }),
  },
  {
    id: 'neocloud-h100-sxm-early-2026',
    gpu: 'H100 80GB SXM',
    offering: 'Neocloud list prices',
    deviceId: 'h100-sxm',
    usdPerGpuHourLow: 2.49,
    usdPerGpuHourHigh: 3.99,
    ...provenance({
      source: "pricegpu.pages.dev/blog/h100-vs-a100-cloud-price ('typical list pricing ... early 2026')",
      status: 'secondary',
      asOf: '2026',
      note: 'Early 2026.',
      flagged: H100_PRICE_FLAG,
    }),
  },
  {
    id: 'epoch-h100-assumption',
    gpu: 'H100',
    offering: 'Modelling assumption in Epoch AI inference-economics paper',
    deviceId: 'h100-sxm',
    usdPerGpuHourLow: 2,
    usdPerGpuHourHigh: 2,
    ...provenance({
      source:
        "Epoch AI, 'Inference economics of language models', arXiv 2506.04645, figure caption: 'We assume the H100 GPU is used at an hourly rental rate of $2/hour per device'",
      status: 'secondary',
      asOf: '2025-06',
      flagged: H100_PRICE_FLAG,
    }),
  },
  {
    id: 'aws-capacity-blocks-h100',
    gpu: 'H100',
    offering: 'AWS EC2 Capacity Blocks, p5.48xlarge US East, effective accelerator hourly rate',
    deviceId: 'h100-sxm',
    usdPerGpuHourLow: 4.916,
    usdPerGpuHourHigh: 4.916,
    ...provenance({
      source: "AWS EC2 Capacity Blocks pricing page copy (rates 'scheduled to be updated on January 1, 2025')",
      status: 'secondary',
      asOf: '2024',
      note: 'Late 2024.',
      flagged: H100_PRICE_FLAG,
    }),
  },
  {
    id: 'neocloud-a100-80gb-early-2026',
    gpu: 'A100 80GB SXM',
    offering: 'Lambda, CoreWeave, vast.ai, RunPod',
    deviceId: 'a100-80gb-sxm',
    usdPerGpuHourLow: 1.49,
    usdPerGpuHourHigh: 2.49,
    ...provenance({
      source: 'pricegpu.pages.dev (early 2026)',
      status: 'secondary',
      asOf: '2026',
      note: 'Early 2026.',
    }),
  },
  {
    id: 'aws-capacity-blocks-a100-40gb',
    gpu: 'A100 40GB',
    offering: 'AWS EC2 Capacity Blocks p4d.24xlarge ($14.75/h for 8 GPUs)',
    deviceId: 'a100-40gb-sxm',
    usdPerGpuHourLow: 1.844,
    usdPerGpuHourHigh: 1.844,
    ...provenance({
      source: 'AWS EC2 Capacity Blocks pricing page copy',
      status: 'secondary',
      asOf: '2024',
      note: 'Late 2024.',
    }),
  },
  {
    id: 'fireworks-a100-80gb-dedicated',
    gpu: 'A100 80GB',
    offering: 'Fireworks dedicated deployment',
    deviceId: 'a100-80gb-sxm',
    usdPerGpuHourLow: 3.89,
    usdPerGpuHourHigh: 3.89,
    ...provenance({
      source: "fireworks.ai/pricing copy: 'We charge $3.89 per hour for one NVIDIA A100 80 GB GPU'",
      status: 'secondary',
      asOf: '2024',
      asOfBasis: 'inferred',
      note: 'Page shows no date (2024 era).',
    }),
  },
  {
    id: 'gcp-g2-l4',
    gpu: 'L4 24GB',
    offering: 'GCP g2-standard-4 (1× L4)',
    deviceId: 'l4',
    usdPerGpuHourLow: 0.7,
    usdPerGpuHourHigh: 0.8,
    ...provenance({ source: `${COSTNIMBUS}; AWS G6 ~$0.80–1.10/hr`, status: 'secondary', asOf: '2026-03' }),
  },
  {
    id: 'gcp-cloud-run-l4',
    gpu: 'L4 24GB',
    offering: 'GCP Cloud Run, billed per second of use',
    deviceId: 'l4',
    usdPerGpuHourLow: 0.67,
    usdPerGpuHourHigh: 0.67,
    ...provenance({
      source: "brandonseppa.com ('roughly $0.67 per hour of actual usage')",
      status: 'secondary',
      asOf: '2026-04',
    }),
  },
  {
    id: 'runpod-l4',
    gpu: 'L4 24GB',
    offering: 'RunPod on-demand',
    deviceId: 'l4',
    usdPerGpuHourLow: 0.44,
    usdPerGpuHourHigh: 0.44,
    ...provenance({
      source: 'deploybase.ai/articles/nvidia-l4-price',
      status: 'secondary',
      asOf: '2025',
      asOfBasis: 'inferred',
      note: 'Article from about 2025.',
    }),
  },
]);
