/**
 * Weight formats: floating point, 8-bit, GGUF k-quants, AWQ/GPTQ int4, and the lesson's nominal Q4.
 *
 * @module
 */
import { integerAtLeast } from '../validate.ts';
import { deepFreeze, figure, provenance, type Provenance, type Sourced } from './provenance.ts';

/** Identifiers of the weight formats in {@link quantFormats}. */
export type QuantFormatId =
  | 'f32'
  | 'f16'
  | 'bf16'
  | 'fp8'
  | 'int8'
  | 'q8_0'
  | 'q6_k'
  | 'q5_k_m'
  | 'q4_k_m'
  | 'q4_k_s'
  | 'q4_0'
  | 'q3_k_m'
  | 'q2_k'
  | 'int4_awq'
  | 'q4';

/** A weight format. `bitsPerWeight` (with the entry's provenance) is what memory estimates use. */
export interface QuantFormat extends Provenance {
  readonly id: QuantFormatId;
  readonly label: string;
  readonly family: 'float' | 'integer' | 'gguf' | 'awq' | 'nominal';
  /** Bits stored per parameter, including block scales and mixed-precision tensors where measured. */
  readonly bitsPerWeight: number;
  /** For GGUF types: bits per weight of the block layout alone (before the k-quant tensor mix). */
  readonly blockBitsPerWeight?: Sourced<number>;
  /** For GGUF types: llama.cpp's file size for Llama 3 8B, GiB (2^30 bytes). */
  readonly llama3_8bFileSizeGib?: Sourced<number>;
  /** For GGUF types: llama.cpp's perplexity change against F16 on wikitext, Llama 3 8B. */
  readonly perplexityDeltaLlama3_8b?: Sourced<number>;
}

/**
 * Parameter count of Llama 3 8B from its config, used by the reference to turn llama.cpp's file
 * sizes into effective bits per weight (source: config-derived count in the model catalogue).
 *
 * @example
 * (4.58 * 2 ** 30 * 8) / LLAMA3_8B_CONFIG_PARAMS; // ≈ 4.899 bits per weight for Q4_K_M
 */
export const LLAMA3_8B_CONFIG_PARAMS = 8_030_261_248;

const LLAMA_CPP_QUANTIZE =
  'llama.cpp tools/quantize/quantize.cpp QUANT_OPTIONS (ggml-org/llama.cpp), Llama-3-8B sizes checked against bartowski GGUF files';
const K_QUANTS_PR = 'llama.cpp k-quants pull request description';

/**
 * AWQ/GPTQ int4 bits per weight for a quantisation group size: 4 bits per weight plus an FP16
 * scale and a 4-bit zero point per group, i.e. `4 + (16 + 4) / groupSize` (linear layers only;
 * embeddings and the output head are usually left in FP16).
 *
 * Source: AutoAWQ WQLinear_GEMM buffers (qweight packs 8 × 4-bit, qzeros 4-bit per group, FP16
 * scales); GPTQ uses the same packing.
 *
 * @example
 * awqBitsPerWeight(128); // 4.15625
 * awqBitsPerWeight(32); // 4.625
 */
export function awqBitsPerWeight(groupSize: number): number {
  return 4 + (16 + 4) / integerAtLeast('groupSize', groupSize, 1);
}

/**
 * Default AWQ group size (AWQ example configs, e.g. Qwen3 AWQ `group_size: 128, bits: 4, zero_point: true`).
 *
 * @example
 * awqBitsPerWeight(AWQ_DEFAULT_GROUP_SIZE); // 4.15625
 */
export const AWQ_DEFAULT_GROUP_SIZE = 128;

interface GgufInput {
  readonly id: QuantFormatId;
  readonly label: string;
  readonly block: number;
  readonly blockSource: string;
  readonly fileGib: number;
  readonly pplDelta: number;
  readonly note?: string;
}

function gguf(input: GgufInput): QuantFormat {
  const bits = (input.fileGib * 2 ** 30 * 8) / LLAMA3_8B_CONFIG_PARAMS;
  return {
    id: input.id,
    label: input.label,
    family: 'gguf',
    bitsPerWeight: bits,
    ...provenance({
      source: `derived: llama.cpp Llama-3-8B file size × 2^30 × 8 / ${LLAMA3_8B_CONFIG_PARAMS.toLocaleString('en-US')} parameters (${LLAMA_CPP_QUANTIZE})`,
      status: 'derived',
      note:
        input.note ??
        'Effective bits exceed the block layout because k-quant mixes keep some tensors (embeddings, output, attn_v, ffn_down) at higher precision; small models with large vocabularies come out higher still (Llama 3.2 3B Q4_K_M is about 5.03 bpw).',
    }),
    blockBitsPerWeight: figure(input.block, { source: input.blockSource, status: 'confirmed' }),
    llama3_8bFileSizeGib: figure(input.fileGib, { source: LLAMA_CPP_QUANTIZE, status: 'confirmed' }),
    perplexityDeltaLlama3_8b: figure(input.pplDelta, {
      source: `${LLAMA_CPP_QUANTIZE} (vs F16, wikitext)`,
      status: 'confirmed',
    }),
  };
}

const list: readonly QuantFormat[] = [
  {
    id: 'f32',
    label: 'F32',
    family: 'float',
    bitsPerWeight: 32,
    ...provenance({ source: 'IEEE 754 binary32 (single precision): 32 bits per value', status: 'confirmed' }),
  },
  {
    id: 'f16',
    label: 'FP16',
    family: 'float',
    bitsPerWeight: 16,
    ...provenance({
      source: `IEEE 754 binary16 (half precision); ${LLAMA_CPP_QUANTIZE} lists F16 Mistral-7B at 14.00G`,
      status: 'confirmed',
    }),
  },
  {
    id: 'bf16',
    label: 'BF16',
    family: 'float',
    bitsPerWeight: 16,
    ...provenance({
      source: `bfloat16 (16 bits); ${LLAMA_CPP_QUANTIZE} lists BF16 Mistral-7B at 14.00G`,
      status: 'confirmed',
    }),
  },
  {
    id: 'fp8',
    label: 'FP8',
    family: 'float',
    bitsPerWeight: 8,
    ...provenance({
      source:
        "vLLM docs, FP8 W8A8 (docs.vllm.ai/en/stable/features/quantization/fp8/): E4M3 or E5M2, 'a 2x reduction in model memory requirements'",
      status: 'confirmed',
      note: 'Per-tensor or per-channel scales add negligible bits. W8A8 compute needs compute capability ≥ 8.9 (Ada, Hopper, Blackwell); Ampere runs FP8 weight-only (W8A16, Marlin).',
    }),
  },
  {
    id: 'int8',
    label: 'INT8',
    family: 'integer',
    bitsPerWeight: 8,
    ...provenance({
      source:
        'derived: 8-bit integer weights; per-channel scale overhead neglected as for FP8 (vLLM FP8 docs: negligible bpw overhead)',
      status: 'derived',
    }),
  },
  gguf({
    id: 'q8_0',
    label: 'GGUF Q8_0',
    block: 8.5,
    blockSource: 'ggml block_q8_0: FP16 scale + 32 int8 per 32 weights = 34 bytes / 32 weights',
    fileGib: 7.96,
    pplDelta: 0.0026,
    note: 'Q8_0 has no tensor mix; the small excess over 8.5 bpw is metadata and unquantised norms.',
  }),
  gguf({
    id: 'q6_k',
    label: 'GGUF Q6_K',
    block: 6.5625,
    blockSource: `${K_QUANTS_PR}: 'GGML_TYPE_Q6_K ... ends up using 6.5625 bpw'`,
    fileGib: 6.14,
    pplDelta: 0.0217,
  }),
  gguf({
    id: 'q5_k_m',
    label: 'GGUF Q5_K_M',
    block: 5.5,
    blockSource: `${K_QUANTS_PR}: Q5_K 'resulting in 5.5 bpw' (the _M mix also uses Q6_K for some tensors)`,
    fileGib: 5.33,
    pplDelta: 0.0569,
  }),
  gguf({
    id: 'q4_k_m',
    label: 'GGUF Q4_K_M',
    block: 4.5,
    blockSource: `${K_QUANTS_PR}: Q4_K 'ends up using 4.5 bpw' (Q4_K_M uses Q6_K for half of attention.wv and feed_forward.w2)`,
    fileGib: 4.58,
    pplDelta: 0.1754,
  }),
  gguf({
    id: 'q4_k_s',
    label: 'GGUF Q4_K_S',
    block: 4.5,
    blockSource: `ggml block structs / ${K_QUANTS_PR}`,
    fileGib: 4.37,
    pplDelta: 0.2689,
  }),
  gguf({
    id: 'q4_0',
    label: 'GGUF Q4_0',
    block: 4.5,
    blockSource: 'ggml block_q4_0: FP16 delta + 16 bytes of nibbles per 32 weights = 18 bytes / 32 weights',
    fileGib: 4.34,
    pplDelta: 0.4685,
  }),
  gguf({
    id: 'q3_k_m',
    label: 'GGUF Q3_K_M',
    block: 3.4375,
    blockSource: `${K_QUANTS_PR}: Q3_K 'end up using 3.4375 bpw' (Q3_K_M uses Q4_K for attention.wv, wo and feed_forward.w2)`,
    fileGib: 3.74,
    pplDelta: 0.6569,
  }),
  gguf({
    id: 'q2_k',
    label: 'GGUF Q2_K',
    block: 2.5625,
    blockSource: `${K_QUANTS_PR} (2.5625 bpw); the later ggml-common.h block_q2_K (84 bytes / 256 weights) is 2.625 bpw`,
    fileGib: 2.96,
    pplDelta: 3.5199,
  }),
  {
    id: 'int4_awq',
    label: 'AWQ/GPTQ int4 (group 128)',
    family: 'awq',
    bitsPerWeight: awqBitsPerWeight(AWQ_DEFAULT_GROUP_SIZE),
    ...provenance({
      source:
        'derived: 4 + (16 + 4) / group size (FP16 scale and 4-bit zero point per group; AutoAWQ WQLinear_GEMM layout, same packing in GPTQ); group size 128 from AWQ example configs',
      status: 'derived',
      note: 'Linear layers only; embeddings and the output head are usually kept in FP16, which this per-weight figure does not add.',
    }),
  },
  {
    id: 'q4',
    label: 'Q4 (nominal 4-bit)',
    family: 'nominal',
    bitsPerWeight: 4,
    ...provenance({
      source:
        "The cost-curve lesson (microscale.academy, Act I): '4-bit quantization (Q4) slashes this by 4×' (3B → 1.50 GB, 70B → 35 GB)",
      status: 'confirmed',
      note: 'An idealised 4.0 bits per weight with no block scales; real 4-bit files are 4.2–5.2 bpw (see q4_k_m, q4_0, int4_awq).',
    }),
  },
];

/**
 * The weight-format catalogue, keyed by id.
 *
 * @example
 * quantFormats.q4_k_m.bitsPerWeight; // ≈ 4.899 (llama.cpp's 4.58 GiB Llama-3-8B file)
 * quantFormats.q4.bitsPerWeight; // 4
 */
export const quantFormats: Readonly<Record<QuantFormatId, QuantFormat>> = deepFreeze(
  Object.fromEntries(list.map((f) => [f.id, f])) as Record<QuantFormatId, QuantFormat>,
);

/**
 * All weight-format ids, in catalogue order (floating point, 8-bit, GGUF, AWQ, nominal Q4).
 *
 * @example
 * quantFormatIds.map((id) => weightBytes(3e9, id)); // bytes of a 3B model at every precision
 */
export const quantFormatIds: readonly QuantFormatId[] = Object.freeze(list.map((f) => f.id));
