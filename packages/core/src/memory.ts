/**
 * Memory: weights at a given precision, the KV cache, and whether it all fits on a device.
 *
 * Bytes are bytes; the formatting layer decides between GB (1e9) and GiB (2^30).
 *
 * @module
 */
import type { AttentionArchitecture, SlidingWindowPattern } from './architecture.ts';
import { awqBitsPerWeight, quantFormatIds, quantFormats, type QuantFormatId } from './catalog/quant.ts';
import { checkNumber, integerAtLeast, nonNegative, oneOf, positive, record } from './validate.ts';

/** Options of {@link weightBytes} and {@link bitsPerWeight}. */
export interface WeightFormatOptions {
  /** AWQ/GPTQ quantisation group size for `'int4_awq'` (integer ≥ 1); default 128. */
  readonly awqGroupSize?: number;
}

/**
 * Bits stored per parameter for a weight format (from `quantFormats`; for `'int4_awq'` the
 * group-overhead formula at the requested group size).
 *
 * @example
 * bitsPerWeight('f16'); // 16
 * bitsPerWeight('int4_awq', { awqGroupSize: 64 }); // 4.3125
 */
export function bitsPerWeight(format: QuantFormatId, options: WeightFormatOptions = {}): number {
  const id = oneOf('format', format, quantFormatIds);
  record('options', options);
  if (id === 'int4_awq' && options.awqGroupSize !== undefined) {
    return awqBitsPerWeight(integerAtLeast('awqGroupSize', options.awqGroupSize, 1));
  }
  return quantFormats[id].bitsPerWeight;
}

/**
 * Bytes of weights: `params × bitsPerWeight / 8`.
 *
 * GGUF formats use llama.cpp's measured effective bits per weight for Llama 3 8B (k-quant mixes
 * included); smaller models with large vocabularies come out somewhat larger. `'q4'` is the lesson's
 * nominal 4.0 bits.
 *
 * @example
 * weightBytes(3e9, 'f16'); // 6e9 (6.00 GB)
 * weightBytes(3e9, 'q4'); // 1.5e9 (1.50 GB)
 * weightBytes(70e9, 'f16'); // 1.4e11 (140 GB)
 * weightBytes(3e9, 'q4_k_m'); // ≈ 1.84e9
 */
export function weightBytes(params: number, format: QuantFormatId, options: WeightFormatOptions = {}): number {
  const n = positive('params', params);
  return (n * bitsPerWeight(format, options)) / 8;
}

/** Precision of the KV cache. */
export type KvFormat = 'f32' | 'f16' | 'bf16' | 'fp8' | 'int8';

/**
 * Bytes per cached element: IEEE 754 binary32 4, binary16 and bfloat16 2, FP8 (E4M3/E5M2, as in
 * the vLLM FP8 docs) and INT8 1. Per-block scales of quantised caches are neglected.
 *
 * @example
 * 2 * 32 * 8 * 128 * kvBytesPerElement.bf16; // 131072: Llama 3.1 8B, bytes per token
 */
export const kvBytesPerElement: Readonly<Record<KvFormat, number>> = { f32: 4, f16: 2, bf16: 2, fp8: 1, int8: 1 };

/**
 * All KV-cache formats.
 *
 * @example
 * kvFormatIds.map((kvFormat) => kvCacheBytes({ layers: 32, heads: 32, kvHeads: 8, headDim: 128 }, { contextTokens: 1, kvFormat }));
 * // [262144, 131072, 131072, 65536, 65536]
 */
export const kvFormatIds: readonly KvFormat[] = ['f32', 'f16', 'bf16', 'fp8', 'int8'];

/** How many layers keep the full context and how many only a sliding window. */
export interface LayerCounts {
  readonly globalLayers: number;
  readonly localLayers: number;
}

function checkPattern(pattern: SlidingWindowPattern): SlidingWindowPattern {
  record('architecture.slidingWindow.pattern', pattern);
  const kind = oneOf('architecture.slidingWindow.pattern.kind', pattern.kind, ['all-layers', 'interleaved'] as const);
  if (kind === 'all-layers') return pattern;
  const p = pattern as Extract<SlidingWindowPattern, { kind: 'interleaved' }>;
  integerAtLeast('architecture.slidingWindow.pattern.localLayersPerGlobalLayer', p.localLayersPerGlobalLayer, 1);
  if (p.firstLayer !== undefined) {
    oneOf('architecture.slidingWindow.pattern.firstLayer', p.firstLayer, ['local', 'global'] as const);
  }
  return p;
}

/**
 * Checks an architecture and throws `RangeError` naming the bad field.
 *
 * @example
 * checkArchitecture({ layers: 32, heads: 32, kvHeads: 8, headDim: 128 }); // returns it
 */
export function checkArchitecture<T extends AttentionArchitecture>(architecture: T): T {
  record('architecture', architecture);
  integerAtLeast('architecture.layers', architecture.layers, 1);
  const heads = integerAtLeast('architecture.heads', architecture.heads, 1);
  const kv = integerAtLeast('architecture.kvHeads', architecture.kvHeads, 1);
  if (kv > heads) {
    throw new RangeError(`architecture.kvHeads must be <= architecture.heads (${heads}), got ${kv}`);
  }
  integerAtLeast('architecture.headDim', architecture.headDim, 1);
  if (architecture.slidingWindow !== undefined) {
    record('architecture.slidingWindow', architecture.slidingWindow);
    integerAtLeast('architecture.slidingWindow.window', architecture.slidingWindow.window, 1);
    checkPattern(architecture.slidingWindow.pattern);
  }
  return architecture;
}

/**
 * Splits the layers into global (full-context) and local (sliding-window) ones.
 * For an interleaved pattern with k local layers per global layer the stack repeats blocks of
 * k + 1 layers; with the local layers first (Gemma 3) there are ⌊layers / (k+1)⌋ global layers,
 * with the global layer first (ModernBERT) ⌈layers / (k+1)⌉.
 *
 * @example
 * attentionLayerCounts({ layers: 34, heads: 8, kvHeads: 4, headDim: 256,
 *   slidingWindow: { window: 1024, pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5 } } });
 * // { globalLayers: 5, localLayers: 29 } (Gemma 3 4B)
 */
export function attentionLayerCounts(architecture: AttentionArchitecture): LayerCounts {
  checkArchitecture(architecture);
  const { layers, slidingWindow } = architecture;
  if (slidingWindow === undefined) return { globalLayers: layers, localLayers: 0 };
  const pattern = slidingWindow.pattern;
  if (pattern.kind === 'all-layers') return { globalLayers: 0, localLayers: layers };
  const block = pattern.localLayersPerGlobalLayer + 1;
  const globalLayers = pattern.firstLayer === 'global' ? Math.ceil(layers / block) : Math.floor(layers / block);
  return { globalLayers, localLayers: layers - globalLayers };
}

/** Options of {@link kvCacheBytes}. */
export interface KvCacheOptions {
  /** Tokens in context per sequence, prompt plus generated so far (≥ 0). */
  readonly contextTokens: number;
  /** Concurrent sequences (> 0; a fractional mean concurrency is allowed); default 1. */
  readonly sequences?: number;
  /** Cache precision; default `'bf16'`. */
  readonly kvFormat?: KvFormat;
}

/**
 * KV-cache bytes: for each layer `2 (K and V) × kvHeads × headDim × bytesPerElement × tokens kept`,
 * where a global layer keeps the whole context and a sliding-window layer keeps
 * `min(context, window)` tokens (assuming the runtime evicts tokens that left the window), summed
 * over layers and multiplied by the concurrent sequences. Grouped-query attention enters through
 * `kvHeads`.
 *
 * @example
 * const llama31_8b = { layers: 32, heads: 32, kvHeads: 8, headDim: 128 };
 * kvCacheBytes(llama31_8b, { contextTokens: 1 }); // 131072 (128 KiB per token at BF16)
 * kvCacheBytes(llama31_8b, { contextTokens: 8192, sequences: 4, kvFormat: 'fp8' }); // 2 GiB
 */
export function kvCacheBytes(architecture: AttentionArchitecture, options: KvCacheOptions): number {
  const { globalLayers, localLayers } = attentionLayerCounts(architecture);
  record('options', options);
  const context = nonNegative('contextTokens', options.contextTokens);
  const sequences = options.sequences === undefined ? 1 : positive('sequences', options.sequences);
  const format = options.kvFormat === undefined ? 'bf16' : oneOf('kvFormat', options.kvFormat, kvFormatIds);
  const perLayerToken = 2 * architecture.kvHeads * architecture.headDim * kvBytesPerElement[format];
  const window = architecture.slidingWindow?.window ?? Number.POSITIVE_INFINITY;
  const tokenLayers = globalLayers * context + localLayers * Math.min(context, window);
  return perLayerToken * tokenLayers * sequences;
}

/** Options of {@link memoryFit}. */
export interface MemoryFitOptions {
  /** Device memory, bytes (> 0). */
  readonly memoryBytes: number;
  readonly weightBytes: number;
  /** KV cache at the planned context and concurrency; default 0. */
  readonly kvBytes?: number;
  /** Runtime overhead (CUDA context, activations, allocator slack) in bytes; default 0. */
  readonly runtimeOverheadBytes?: number;
  /**
   * Fraction of device memory kept free, in [0, 1); default 0.1. A planning margin chosen here,
   * not a measured figure: the OS, display and fragmentation take some memory on every device.
   */
  readonly headroom?: number;
}

/** Result of {@link memoryFit}. */
export interface MemoryFit {
  readonly fits: boolean;
  /** weights + KV + runtime overhead. */
  readonly requiredBytes: number;
  /** memoryBytes × (1 − headroom). */
  readonly usableBytes: number;
  /** usableBytes − requiredBytes (negative when it does not fit). */
  readonly spareBytes: number;
}

/**
 * Default share of device memory kept free by {@link memoryFit}: 10 %, a planning margin chosen
 * here (OS, display, fragmentation), not a measured figure.
 *
 * @example
 * 80e9 * (1 - DEFAULT_MEMORY_HEADROOM); // 72e9 usable on an 80 GB GPU
 */
export const DEFAULT_MEMORY_HEADROOM = 0.1;

/**
 * Whether weights, KV cache and runtime overhead fit in a device's memory after keeping
 * `headroom` of it free.
 *
 * @example
 * memoryFit({ memoryBytes: 80e9, weightBytes: 35e9 }); // { fits: true, requiredBytes: 35e9, usableBytes: 72e9, spareBytes: 37e9 }
 * memoryFit({ memoryBytes: 80e9, weightBytes: 140e9 }).fits; // false
 */
export function memoryFit(options: MemoryFitOptions): MemoryFit {
  record('options', options);
  const memory = positive('memoryBytes', options.memoryBytes);
  const weights = nonNegative('weightBytes', options.weightBytes);
  const kv = options.kvBytes === undefined ? 0 : nonNegative('kvBytes', options.kvBytes);
  const overhead =
    options.runtimeOverheadBytes === undefined ? 0 : nonNegative('runtimeOverheadBytes', options.runtimeOverheadBytes);
  const headroom =
    options.headroom === undefined
      ? DEFAULT_MEMORY_HEADROOM
      : checkNumber('headroom', options.headroom, { min: 0, max: 1, maxExclusive: true });
  const requiredBytes = weights + kv + overhead;
  const usableBytes = memory * (1 - headroom);
  return { fits: requiredBytes <= usableBytes, requiredBytes, usableBytes, spareBytes: usableBytes - requiredBytes };
}
