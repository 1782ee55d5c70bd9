/**
 * Model catalogue: decoder language models and encoders (classifiers, embedders, rerankers) with
 * the architecture fields the estimator uses.
 *
 * Parameter counts are the reference's config-derived totals (embedding + layers + norms + untied
 * head); for the Gemma 3 multimodal checkpoints they cover the text decoder only.
 *
 * @module
 */
import type { AttentionArchitecture } from '../architecture.ts';
import { deepFreeze, figure, provenance, type Provenance, type Sourced } from './provenance.ts';

/** Identifiers of the decoder models in {@link decoderModels}. */
export type DecoderModelId =
  | 'llama-3.2-1b'
  | 'llama-3.2-3b'
  | 'llama-3.1-8b'
  | 'llama-3.1-70b'
  | 'qwen3-0.6b'
  | 'qwen3-1.7b'
  | 'qwen3-4b'
  | 'qwen3-8b'
  | 'gemma-3-1b'
  | 'gemma-3-4b'
  | 'gemma-3-12b'
  | 'phi-3.5-mini'
  | 'phi-4'
  | 'mistral-7b-v0.1';

/** Identifiers of the encoder models in {@link encoderModels}. */
export type EncoderModelId =
  | 'bert-base-uncased'
  | 'distilbert-base-uncased'
  | 'modernbert-base'
  | 'all-minilm-l6-v2'
  | 'bge-small-en-v1.5'
  | 'bge-base-en-v1.5'
  | 'e5-small-v2'
  | 'bge-reranker-base'
  | 'ms-marco-minilm-l6-v2';

/** Decoder architecture read from the model's `config.json`; the provenance is the config's. */
export interface DecoderArchitecture extends AttentionArchitecture, Provenance {
  readonly hiddenSize: number;
  readonly intermediateSize: number;
  readonly vocabSize: number;
  /** `max_position_embeddings` of the config. */
  readonly maxContextTokens: number;
  readonly tiedEmbeddings: boolean;
}

/** A decoder-only language model. */
export interface DecoderModel {
  readonly id: DecoderModelId;
  readonly name: string;
  readonly kind: 'decoder';
  readonly params: Sourced<number>;
  readonly embeddingParams: Sourced<number>;
  readonly architecture: DecoderArchitecture;
  /**
   * KV cache per token at BF16 if every layer kept the full context
   * (2 × layers × kvHeads × headDim × 2 bytes); kept to cross-check `kvCacheBytes`.
   */
  readonly kvBytesPerTokenBf16FullAttention: Sourced<number>;
  /** For sliding-window models: the reference's KV bytes (BF16, one sequence) at given contexts. */
  readonly kvBytesBf16AtContext?: Sourced<Readonly<Record<number, number>>>;
}

/** Encoder architecture read from the model's `config.json`. */
export interface EncoderArchitecture extends Provenance {
  readonly hiddenSize: number;
  readonly layers: number;
  readonly heads: number;
  readonly intermediateSize: number;
  readonly vocabSize: number;
  readonly maxPositions: number;
  readonly slidingWindow?: AttentionArchitecture['slidingWindow'];
}

/** An encoder-only model: a classifier backbone, a sentence embedder or a cross-encoder reranker. */
export interface EncoderModel {
  readonly id: EncoderModelId;
  readonly name: string;
  readonly kind: 'encoder';
  readonly role: 'encoder' | 'embedder' | 'reranker';
  readonly params: Sourced<number>;
  readonly architecture: EncoderArchitecture;
}

const DECODER_PARAMS_SOURCE =
  'derived from config.json (embedding + layers × (attention + 3 × hidden × intermediate + norms) + final norm + untied head); matches model-card totals where published';
const KV_FULL_SOURCE = 'derived: 2 (K and V) × layers × kvHeads × headDim × 2 bytes, every layer full attention';
const ENCODER_PARAMS_SOURCE =
  'derived from config.json (BERT: embeddings + layers + pooler; DistilBERT: no token-type embeddings or pooler; ModernBERT: no biases, GeGLU)';

interface DecoderInput {
  readonly id: DecoderModelId;
  readonly name: string;
  readonly params: number;
  readonly embeddingParams: number;
  readonly kvFull: number;
  readonly config: Omit<DecoderArchitecture, keyof Provenance>;
  readonly configSource: string;
  readonly configStatus: 'confirmed' | 'secondary';
  readonly configNote?: string;
  readonly flagged?: string;
  readonly kvAtContext?: { readonly values: Readonly<Record<number, number>>; readonly source: string };
}

function decoder(input: DecoderInput): DecoderModel {
  return {
    id: input.id,
    name: input.name,
    kind: 'decoder',
    params: figure(input.params, {
      source: DECODER_PARAMS_SOURCE,
      status: 'derived',
      ...(input.flagged === undefined ? {} : { flagged: input.flagged }),
    }),
    embeddingParams: figure(input.embeddingParams, { source: 'derived from config.json', status: 'derived' }),
    architecture: {
      ...input.config,
      ...provenance({
        source: input.configSource,
        status: input.configStatus,
        ...(input.configNote === undefined ? {} : { note: input.configNote }),
        ...(input.flagged === undefined ? {} : { flagged: input.flagged }),
      }),
    },
    kvBytesPerTokenBf16FullAttention: figure(input.kvFull, { source: KV_FULL_SOURCE, status: 'derived' }),
    ...(input.kvAtContext === undefined
      ? {}
      : {
          kvBytesBf16AtContext: figure(input.kvAtContext.values, {
            source: input.kvAtContext.source,
            status: 'derived',
          }),
        }),
  };
}

/**
 * Decoder language models.
 *
 * @example
 * const llama = decoderModels.find((m) => m.id === 'llama-3.1-8b')!;
 * llama.params.value; // 8_030_261_248
 * llama.architecture.kvHeads; // 8
 */
export const decoderModels: readonly DecoderModel[] = deepFreeze<readonly DecoderModel[]>([
  decoder({
    id: 'llama-3.2-1b',
    name: 'Llama 3.2 1B',
    params: 1_235_814_400,
    embeddingParams: 262_668_288,
    kvFull: 32_768,
    config: {
      hiddenSize: 2048,
      layers: 16,
      heads: 32,
      kvHeads: 8,
      headDim: 64,
      intermediateSize: 8192,
      vocabSize: 128_256,
      maxContextTokens: 131_072,
      tiedEmbeddings: true,
    },
    configSource:
      'huggingface.co/Emm9625/Llama-3.2-1B-chatml config.json (copy of meta-llama/Llama-3.2-1B); identical in h3110Fr13nd/llama-3.2-1b-onnx',
    configStatus: 'secondary',
  }),
  decoder({
    id: 'llama-3.2-3b',
    name: 'Llama 3.2 3B',
    params: 3_212_749_824,
    embeddingParams: 394_002_432,
    kvFull: 114_688,
    config: {
      hiddenSize: 3072,
      layers: 28,
      heads: 24,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 8192,
      vocabSize: 128_256,
      maxContextTokens: 131_072,
      tiedEmbeddings: true,
    },
    configSource:
      'huggingface.co/datasets/lhpku20010120/Llama-3.2-3B-Instruct config.json; identical in mlx-community/Llama-3.2-3B-bf16',
    configStatus: 'secondary',
  }),
  decoder({
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    params: 8_030_261_248,
    embeddingParams: 525_336_576,
    kvFull: 131_072,
    config: {
      hiddenSize: 4096,
      layers: 32,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 14_336,
      vocabSize: 128_256,
      maxContextTokens: 131_072,
      tiedEmbeddings: false,
    },
    configSource:
      'huggingface.co/NbAiLab/nb-llama-3.1-8B config.json (_name_or_path meta-llama/Llama-3.1-8B) and copies of the Meta-Llama-3.1-8B-Instruct config',
    configStatus: 'secondary',
  }),
  decoder({
    id: 'llama-3.1-70b',
    name: 'Llama 3.1 70B',
    params: 70_553_706_496,
    embeddingParams: 1_050_673_152,
    kvFull: 327_680,
    config: {
      hiddenSize: 8192,
      layers: 80,
      heads: 64,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 28_672,
      vocabSize: 128_256,
      maxContextTokens: 131_072,
      tiedEmbeddings: false,
    },
    configSource:
      'Llama 3 70B config copies (vicky4s4s/llama-3-70B-instruct, nvidia/Llama3-ChatQA-1.5-70B) with the 3.1 context extension to 131,072 tokens',
    configStatus: 'secondary',
    flagged:
      'Llama 3.1 70B config.json itself was not retrieved: the Llama 3 70B config plus the 3.1 context extension.',
  }),
  decoder({
    id: 'qwen3-0.6b',
    name: 'Qwen3 0.6B',
    params: 596_049_920,
    embeddingParams: 155_582_464,
    kvFull: 114_688,
    config: {
      hiddenSize: 1024,
      layers: 28,
      heads: 16,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 3072,
      vocabSize: 151_936,
      maxContextTokens: 40_960,
      tiedEmbeddings: true,
    },
    configSource: 'huggingface.co/TensorStack/TextEncoder Qwen-3-06B/config.json (Qwen3ForCausalLM); Qwen3 model cards',
    configStatus: 'secondary',
    configNote: 'Native context 32,768 tokens.',
  }),
  decoder({
    id: 'qwen3-1.7b',
    name: 'Qwen3 1.7B',
    params: 1_720_574_976,
    embeddingParams: 311_164_928,
    kvFull: 114_688,
    config: {
      hiddenSize: 2048,
      layers: 28,
      heads: 16,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 6144,
      vocabSize: 151_936,
      maxContextTokens: 40_960,
      tiedEmbeddings: true,
    },
    configSource: 'Qwen/Qwen3-1.7B text_config as quoted in public repositories and test fixtures',
    configStatus: 'secondary',
    configNote: 'Native context 32,768 tokens.',
  }),
  decoder({
    id: 'qwen3-4b',
    name: 'Qwen3 4B',
    params: 4_022_468_096,
    embeddingParams: 388_956_160,
    kvFull: 147_456,
    config: {
      hiddenSize: 2560,
      layers: 36,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 9728,
      vocabSize: 151_936,
      maxContextTokens: 40_960,
      tiedEmbeddings: true,
    },
    configSource:
      'huggingface.co/Thrillcrazyer/LDS_4B config (_name_or_path Qwen/Qwen3-4B); Qwen3-4B-Base card (4.0B params, 3.6B non-embedding, 36 layers)',
    configStatus: 'secondary',
    configNote: 'Native context 32,768 tokens, 131,072 with YaRN; the Instruct-2507 variant has 262,144.',
  }),
  decoder({
    id: 'qwen3-8b',
    name: 'Qwen3 8B',
    params: 8_190_735_360,
    embeddingParams: 622_329_856,
    kvFull: 147_456,
    config: {
      hiddenSize: 4096,
      layers: 36,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 12_288,
      vocabSize: 151_936,
      maxContextTokens: 40_960,
      tiedEmbeddings: false,
    },
    configSource:
      'Qwen3-8B derivative configs (thejaminator checkpoints, GSAI-ML/ReFusion); Qwen3-8B card (8.2B params, 6.95B non-embedding, 36 layers, 32 Q / 8 KV heads)',
    configStatus: 'secondary',
    configNote: 'Native context 32,768 tokens, 131,072 with YaRN.',
  }),
  decoder({
    id: 'gemma-3-1b',
    name: 'Gemma 3 1B',
    params: 999_885_952,
    embeddingParams: 301_989_888,
    kvFull: 26_624,
    config: {
      hiddenSize: 1152,
      layers: 26,
      heads: 4,
      kvHeads: 1,
      headDim: 256,
      intermediateSize: 6912,
      vocabSize: 262_144,
      maxContextTokens: 32_768,
      tiedEmbeddings: true,
      slidingWindow: {
        window: 512,
        pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5, firstLayer: 'local' },
      },
    },
    configSource:
      "Gemma3ForCausalLM configs derived from google/gemma-3-1b-it (via unsloth/gemma-3-1b-it); pattern from the Gemma 3 Technical Report, arXiv 2503.19786, Sec. 2 ('5 local layers for every global layer, starting with a local layer')",
    configStatus: 'secondary',
    configNote: 'The report gives a 1,024-token local span; the released 1B config has sliding_window 512, used here.',
    kvAtContext: {
      values: { 4096: 28_311_552, 32_768: 145_752_064, 131_072: 548_405_248 },
      source:
        'derived: 4 global layers × T + 22 local layers × min(T, 512), 2 × 1 × 256 × 2 bytes per layer-token (131,072 is beyond the 1B model’s 32K context)',
    },
  }),
  decoder({
    id: 'gemma-3-4b',
    name: 'Gemma 3 4B',
    params: 3_880_263_168,
    embeddingParams: 671_252_480,
    kvFull: 139_264,
    config: {
      hiddenSize: 2560,
      layers: 34,
      heads: 8,
      kvHeads: 4,
      headDim: 256,
      intermediateSize: 10_240,
      vocabSize: 262_208,
      maxContextTokens: 131_072,
      tiedEmbeddings: true,
      slidingWindow: {
        window: 1024,
        pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5, firstLayer: 'local' },
      },
    },
    configSource:
      'text_config of google/gemma-3-4b-it as in YFolla/gemma-3-dnd (Gemma3ForCausalLM); Gemma 3 Technical Report, arXiv 2503.19786',
    configStatus: 'secondary',
    configNote: 'Text decoder only; the multimodal checkpoint adds a 417M SigLIP vision encoder (report Table 1).',
    kvAtContext: {
      values: { 4096: 205_520_896, 32_768: 792_723_456, 131_072: 2_805_989_376 },
      source: 'derived: 5 global + 29 local layers (window 1,024)',
    },
  }),
  decoder({
    id: 'gemma-3-12b',
    name: 'Gemma 3 12B',
    params: 11_766_034_176,
    embeddingParams: 1_006_878_720,
    kvFull: 393_216,
    config: {
      hiddenSize: 3840,
      layers: 48,
      heads: 16,
      kvHeads: 8,
      headDim: 256,
      intermediateSize: 15_360,
      vocabSize: 262_208,
      maxContextTokens: 131_072,
      tiedEmbeddings: true,
      slidingWindow: {
        window: 1024,
        pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5, firstLayer: 'local' },
      },
    },
    configSource:
      'OpenPipe/gemma-3-12b-it-text-only config; cjvt/GaMS3-12B layer_types; Gemma 3 Technical Report, arXiv 2503.19786',
    configStatus: 'secondary',
    configNote: 'Text decoder only; the multimodal checkpoint adds a 417M SigLIP vision encoder (report Table 1).',
    kvAtContext: {
      values: { 4096: 603_979_776, 32_768: 2_483_027_968, 131_072: 8_925_478_912 },
      source: 'derived: 8 global + 40 local layers (window 1,024)',
    },
  }),
  decoder({
    id: 'phi-3.5-mini',
    name: 'Phi-3.5-mini',
    params: 3_821_079_552,
    embeddingParams: 98_500_608,
    kvFull: 393_216,
    config: {
      hiddenSize: 3072,
      layers: 32,
      heads: 32,
      kvHeads: 32,
      headDim: 96,
      intermediateSize: 8192,
      vocabSize: 32_064,
      maxContextTokens: 131_072,
      tiedEmbeddings: false,
    },
    configSource:
      'huggingface.co/twelcone/pii-phi config (_name_or_path microsoft/Phi-3.5-mini-instruct, Phi3ForCausalLM, longrope scaling)',
    configStatus: 'secondary',
    configNote: 'Full multi-head attention (32 KV heads): 384 KiB of KV per token at BF16, three times Llama 3.1 8B.',
  }),
  decoder({
    id: 'phi-4',
    name: 'Phi-4',
    params: 14_659_507_200,
    embeddingParams: 513_802_240,
    kvFull: 204_800,
    config: {
      hiddenSize: 5120,
      layers: 40,
      heads: 40,
      kvHeads: 10,
      headDim: 128,
      intermediateSize: 17_920,
      vocabSize: 100_352,
      maxContextTokens: 16_384,
      tiedEmbeddings: false,
    },
    configSource: 'huggingface.co/microsoft/phi-4/blob/refs%2Fpr%2F10/config.json',
    configStatus: 'confirmed',
  }),
  decoder({
    id: 'mistral-7b-v0.1',
    name: 'Mistral 7B v0.1',
    params: 7_241_732_096,
    embeddingParams: 131_072_000,
    kvFull: 131_072,
    config: {
      hiddenSize: 4096,
      layers: 32,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      intermediateSize: 14_336,
      vocabSize: 32_000,
      maxContextTokens: 32_768,
      tiedEmbeddings: false,
      slidingWindow: { window: 4096, pattern: { kind: 'all-layers' } },
    },
    configSource:
      'Mistral-7B-v0.1 config copies (dmayboroda/42_mistral_0.1 with _name_or_path mistralai/Mistral-7B-v0.1; mlx-community params.json)',
    configStatus: 'secondary',
    configNote: 'v0.2 sets sliding_window 32,768 and rope_theta 1e6.',
  }),
]);

interface EncoderInput {
  readonly id: EncoderModelId;
  readonly name: string;
  readonly role: EncoderModel['role'];
  readonly params: number;
  readonly config: Omit<EncoderArchitecture, keyof Provenance>;
  readonly configSource: string;
}

function encoder(input: EncoderInput): EncoderModel {
  return {
    id: input.id,
    name: input.name,
    kind: 'encoder',
    role: input.role,
    params: figure(input.params, { source: ENCODER_PARAMS_SOURCE, status: 'derived' }),
    architecture: { ...input.config, ...provenance({ source: input.configSource, status: 'secondary' }) },
  };
}

const BERT_BASE_DIMS = {
  hiddenSize: 768,
  layers: 12,
  heads: 12,
  intermediateSize: 3072,
  vocabSize: 30_522,
  maxPositions: 512,
} as const;
const MINILM_L6_DIMS = {
  hiddenSize: 384,
  layers: 6,
  heads: 12,
  intermediateSize: 1536,
  vocabSize: 30_522,
  maxPositions: 512,
} as const;
const SMALL_L12_DIMS = { ...MINILM_L6_DIMS, layers: 12 } as const;

/**
 * Encoder models: classifier backbones, sentence embedders and cross-encoder rerankers.
 * Forward cost is about 2 × non-embedding parameters FLOPs per token (Kaplan 2020), plus attention.
 *
 * @example
 * encoderModels.find((m) => m.id === 'all-minilm-l6-v2')!.params.value; // 22_713_216
 */
export const encoderModels: readonly EncoderModel[] = deepFreeze<readonly EncoderModel[]>([
  encoder({
    id: 'bert-base-uncased',
    name: 'BERT base (uncased)',
    role: 'encoder',
    params: 109_482_240,
    config: BERT_BASE_DIMS,
    configSource:
      'BERT-base dimensions 768/12/12/3072, vocabulary 30,522, 512 positions (e.g. CH3COOK/bert-base-embedding config); about 110M parameters (DistilBERT paper comparison)',
  }),
  encoder({
    id: 'distilbert-base-uncased',
    name: 'DistilBERT base (uncased)',
    role: 'encoder',
    params: 66_362_880,
    config: { ...BERT_BASE_DIMS, layers: 6 },
    configSource:
      'distilbert-base-uncased config copies (Matthijs0/DistilBERT, _name_or_path distilbert/distilbert-base-uncased); about 66M parameters',
  }),
  encoder({
    id: 'modernbert-base',
    name: 'ModernBERT base',
    role: 'encoder',
    params: 149_014_272,
    config: {
      hiddenSize: 768,
      layers: 22,
      heads: 12,
      intermediateSize: 1152,
      vocabSize: 50_368,
      maxPositions: 8192,
      slidingWindow: {
        window: 128,
        pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 2, firstLayer: 'global' },
      },
    },
    configSource:
      'answerdotai/ModernBERT-base config (copies at unsloth/ModernBERT-base; global_attn_every_n_layers 3, local_attention 128, GeGLU, no biases)',
  }),
  encoder({
    id: 'all-minilm-l6-v2',
    name: 'all-MiniLM-L6-v2',
    role: 'embedder',
    params: 22_713_216,
    config: MINILM_L6_DIMS,
    configSource: 'sentence-transformers/all-MiniLM-L6-v2 config copies (Supabase, LightEmbed, Xenova transformers.js)',
  }),
  encoder({
    id: 'bge-small-en-v1.5',
    name: 'BGE small en v1.5',
    role: 'embedder',
    params: 33_360_000,
    config: SMALL_L12_DIMS,
    configSource: 'josejointriple/model_21 config (_name_or_path BAAI/bge-small-en-v1.5)',
  }),
  encoder({
    id: 'bge-base-en-v1.5',
    name: 'BGE base en v1.5',
    role: 'embedder',
    params: 109_482_240,
    config: BERT_BASE_DIMS,
    configSource: 'neuralmagic/bge-base-en-v1.5-sparse and 567-labs configs (_name_or_path BAAI/bge-base-en-v1.5)',
  }),
  encoder({
    id: 'e5-small-v2',
    name: 'E5 small v2',
    role: 'embedder',
    params: 33_360_000,
    config: SMALL_L12_DIMS,
    configSource: 'nixiesearch/e5-small-v2-onnx and yunyu configs (_name_or_path intfloat/e5-small-v2)',
  }),
  encoder({
    id: 'bge-reranker-base',
    name: 'BGE reranker base (XLM-RoBERTa base)',
    role: 'reranker',
    params: 278_044_417,
    config: { ...BERT_BASE_DIMS, vocabSize: 250_002, maxPositions: 514 },
    configSource:
      'Xenova/bge-reranker-base config (_name_or_path BAAI/bge-reranker-base; XLMRobertaForSequenceClassification)',
  }),
  encoder({
    id: 'ms-marco-minilm-l6-v2',
    name: 'cross-encoder/ms-marco-MiniLM-L-6-v2',
    role: 'reranker',
    params: 22_713_601,
    config: MINILM_L6_DIMS,
    configSource:
      'KennethTM/MiniLM-L6-danish-reranker config (_name_or_path cross-encoder/ms-marco-MiniLM-L-6-v2; BertForSequenceClassification)',
  }),
]);
