import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttentionArchitecture } from './architecture.ts';
import { decoderModels } from './catalog/models.ts';
import { quantFormatIds } from './catalog/quant.ts';
import { attentionLayerCounts, bitsPerWeight, kvCacheBytes, memoryFit, weightBytes } from './memory.ts';
import { expectClose } from './test-helpers.ts';

const LLAMA_31_8B: AttentionArchitecture = { layers: 32, heads: 32, kvHeads: 8, headDim: 128 };
const MISTRAL_7B: AttentionArchitecture = {
  layers: 32,
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  slidingWindow: { window: 4096, pattern: { kind: 'all-layers' } },
};
const GEMMA_3_4B: AttentionArchitecture = {
  layers: 34,
  heads: 8,
  kvHeads: 4,
  headDim: 256,
  slidingWindow: { window: 1024, pattern: { kind: 'interleaved', localLayersPerGlobalLayer: 5 } },
};

describe('weight memory, as in the lesson', () => {
  it.each([
    // params, format, bytes
    [3e9, 'f16', 6e9],
    [3e9, 'bf16', 6e9],
    [3e9, 'q4', 1.5e9],
    [70e9, 'f16', 140e9],
    [70e9, 'q4', 35e9],
    [3e9, 'f32', 12e9],
    [3e9, 'fp8', 3e9],
    [3e9, 'int8', 3e9],
    [8e9, 'int4_awq', (8e9 * 4.15625) / 8],
  ] as const)('%d params at %s → %d bytes', (params, format, bytes) => {
    expectClose(weightBytes(params, format), bytes);
  });

  it('a Q4_K_M 3B model is about 1.8 GB (the lesson’s "~1.8 GB")', () => {
    expect(weightBytes(3e9, 'q4_k_m') / 1e9).toBeCloseTo(1.84, 2);
  });

  it('GGUF effective sizes reproduce llama.cpp’s Llama 3 8B files', () => {
    const gib = 2 ** 30;
    const table = [
      ['q8_0', 7.96],
      ['q6_k', 6.14],
      ['q5_k_m', 5.33],
      ['q4_k_m', 4.58],
      ['q4_k_s', 4.37],
      ['q4_0', 4.34],
      ['q3_k_m', 3.74],
      ['q2_k', 2.96],
    ] as const;
    for (const [format, sizeGib] of table) expectClose(weightBytes(8_030_261_248, format) / gib, sizeGib, 1e-12);
  });

  it('AWQ group size changes the overhead', () => {
    expect(bitsPerWeight('int4_awq')).toBe(4.15625);
    expect(bitsPerWeight('int4_awq', { awqGroupSize: 64 })).toBe(4.3125);
    expect(bitsPerWeight('int4_awq', { awqGroupSize: 32 })).toBe(4.625);
  });

  it('memory grows with parameters and with bits per weight', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.constantFrom(...quantFormatIds),
        (a, b, format) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(weightBytes(lo, format)).toBeLessThanOrEqual(weightBytes(hi, format));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.constantFrom(...quantFormatIds),
        fc.constantFrom(...quantFormatIds),
        (n, f, g) => {
          if (bitsPerWeight(f) <= bitsPerWeight(g)) expect(weightBytes(n, f)).toBeLessThanOrEqual(weightBytes(n, g));
        },
      ),
    );
  });
});

describe('KV cache', () => {
  it('Llama 3.1 8B at BF16 keeps 128 KiB per token', () => {
    expect(kvCacheBytes(LLAMA_31_8B, { contextTokens: 1 })).toBe(131_072);
    expect(kvCacheBytes(LLAMA_31_8B, { contextTokens: 1, kvFormat: 'bf16' })).toBe(128 * 1024);
    expect(kvCacheBytes(LLAMA_31_8B, { contextTokens: 8192 })).toBe(8192 * 131_072);
  });

  it.each([
    ['f32', 262_144],
    ['f16', 131_072],
    ['bf16', 131_072],
    ['fp8', 65_536],
    ['int8', 65_536],
  ] as const)('per token at %s: %d bytes', (kvFormat, bytes) => {
    expect(kvCacheBytes(LLAMA_31_8B, { contextTokens: 1, kvFormat })).toBe(bytes);
  });

  it('scales with concurrent sequences', () => {
    expect(kvCacheBytes(LLAMA_31_8B, { contextTokens: 4096, sequences: 8 })).toBe(8 * 4096 * 131_072);
  });

  it('grouped-query attention shrinks the cache by heads / kvHeads', () => {
    const mha = { ...LLAMA_31_8B, kvHeads: 32 };
    expect(kvCacheBytes(mha, { contextTokens: 100 })).toBe(4 * kvCacheBytes(LLAMA_31_8B, { contextTokens: 100 }));
  });

  it.each(decoderModels.map((m) => [m.id, m] as const))(
    '%s matches the reference per-token figure (full attention)',
    (_id, model) => {
      const { slidingWindow: _ignored, ...full } = model.architecture;
      expect(kvCacheBytes(full, { contextTokens: 1 })).toBe(model.kvBytesPerTokenBf16FullAttention.value);
    },
  );

  it.each(decoderModels.filter((m) => m.kvBytesBf16AtContext !== undefined).map((m) => [m.id, m] as const))(
    '%s matches the reference sliding-window totals',
    (_id, model) => {
      for (const [context, bytes] of Object.entries(model.kvBytesBf16AtContext!.value)) {
        expect(kvCacheBytes(model.architecture, { contextTokens: Number(context) })).toBe(bytes);
      }
    },
  );

  it('a sliding-window model stops growing past the window on local layers', () => {
    // Mistral 7B v0.1: every layer is local, so the cache is flat beyond 4,096 tokens.
    const atWindow = kvCacheBytes(MISTRAL_7B, { contextTokens: 4096 });
    expect(kvCacheBytes(MISTRAL_7B, { contextTokens: 32_768 })).toBe(atWindow);
    expect(kvCacheBytes(MISTRAL_7B, { contextTokens: 2048 })).toBe(atWindow / 2);
    // Gemma 3 4B: past the window only the 5 global layers grow.
    const perLayerToken = 2 * 4 * 256 * 2;
    const a = kvCacheBytes(GEMMA_3_4B, { contextTokens: 8192 });
    const b = kvCacheBytes(GEMMA_3_4B, { contextTokens: 8193 });
    expect(b - a).toBe(5 * perLayerToken);
    const c = kvCacheBytes(GEMMA_3_4B, { contextTokens: 1000 });
    const d = kvCacheBytes(GEMMA_3_4B, { contextTokens: 1001 });
    expect(d - c).toBe(34 * perLayerToken);
  });

  it.each([
    // layers, k local per global, first layer, global layers
    [26, 5, 'local', 4], // Gemma 3 1B
    [34, 5, 'local', 5], // Gemma 3 4B
    [48, 5, 'local', 8], // Gemma 3 12B
    [22, 2, 'global', 8], // ModernBERT base: layers 0, 3, …, 21
    [6, 5, 'local', 1],
    [5, 5, 'local', 0],
  ] as const)('%d layers, %d local per global, %s first → %d global', (layers, k, firstLayer, globals) => {
    const counts = attentionLayerCounts({
      layers,
      heads: 8,
      kvHeads: 1,
      headDim: 64,
      slidingWindow: { window: 128, pattern: { kind: 'interleaved', localLayersPerGlobalLayer: k, firstLayer } },
    });
    expect(counts).toEqual({ globalLayers: globals, localLayers: layers - globals });
  });

  it('never shrinks as the context grows', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const arch of [LLAMA_31_8B, MISTRAL_7B, GEMMA_3_4B]) {
          expect(kvCacheBytes(arch, { contextTokens: lo })).toBeLessThanOrEqual(
            kvCacheBytes(arch, { contextTokens: hi }),
          );
        }
      }),
    );
  });
});

describe('memoryFit', () => {
  it.each([
    // memory, weights, kv, overhead, headroom, fits
    [80e9, 35e9, 0, 0, 0.1, true], // 70B Q4 on an A100 80GB
    [80e9, 140e9, 0, 0, 0.1, false], // 70B FP16 on one A100 80GB
    [24e9, 16.06e9, 4e9, 1e9, 0.1, true],
    [24e9, 16.06e9, 4e9, 2e9, 0.1, false],
    [8e9, 8e9, 0, 0, 0, true],
  ])('%d bytes with %d + %d + %d (headroom %d): %s', (memoryBytes, w, kv, overhead, headroom, fits) => {
    const r = memoryFit({ memoryBytes, weightBytes: w, kvBytes: kv, runtimeOverheadBytes: overhead, headroom });
    expect(r.fits).toBe(fits);
    expectClose(r.requiredBytes, w + kv + overhead);
    expectClose(r.usableBytes, memoryBytes * (1 - headroom));
  });

  it('keeps 10 % free by default', () => {
    expect(memoryFit({ memoryBytes: 80e9, weightBytes: 0 }).usableBytes).toBe(72e9);
  });
});
