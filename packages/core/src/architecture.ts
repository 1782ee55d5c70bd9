/**
 * How a transformer's attention is laid out, as far as memory estimates need it.
 *
 * @module
 */

/**
 * Which layers use sliding-window (local) attention.
 *
 * - `all-layers`: every layer attends only to the last `window` tokens (Mistral 7B v0.1).
 * - `interleaved`: the layer stack repeats a block of `localLayersPerGlobalLayer` local layers and
 *   one global (full-context) layer. `firstLayer: 'local'` (the default) puts the local layers
 *   first, as in Gemma 3's "5 local layers for every global layer, starting with a local layer";
 *   `firstLayer: 'global'` puts the global layer first, as in ModernBERT's global attention every
 *   third layer starting at layer 0.
 */
export type SlidingWindowPattern =
  | { readonly kind: 'all-layers' }
  | {
      readonly kind: 'interleaved';
      readonly localLayersPerGlobalLayer: number;
      readonly firstLayer?: 'local' | 'global';
    };

/** Sliding-window attention: span in tokens and which layers use it. */
export interface SlidingWindow {
  /** Tokens a local layer attends to (and keeps in its KV cache). */
  readonly window: number;
  readonly pattern: SlidingWindowPattern;
}

/**
 * The attention shape of a decoder: enough to size its KV cache.
 * Grouped-query attention is expressed by `kvHeads < heads` (multi-query when `kvHeads` is 1).
 *
 * @example
 * // Llama 3.1 8B
 * const llama: AttentionArchitecture = { layers: 32, heads: 32, kvHeads: 8, headDim: 128 };
 * // Gemma 3 4B: 5 local (1,024-token window) layers per global layer
 * const gemma: AttentionArchitecture = {
 *   layers: 34, heads: 8, kvHeads: 4, headDim: 256,
 *   slidingWindow: { window: 1024, pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5 } },
 * };
 */
export interface AttentionArchitecture {
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly slidingWindow?: SlidingWindow;
}
