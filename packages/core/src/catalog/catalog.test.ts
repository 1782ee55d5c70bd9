import { describe, expect, it } from 'vitest';
import { explorerPresets } from '../presets.ts';
import { devices } from './devices.ts';
import { efficiencyReference, DATACENTER_MBU, DEFAULT_MFU, LOCAL_RUNTIME_MBU } from './efficiency.ts';
import { decoderModels, encoderModels } from './models.ts';
import { apiPrices, cloudGpuPrices } from './prices.ts';
import { isIsoDate, provenance, REFERENCE_SNAPSHOT_AS_OF } from './provenance.ts';
import { quantFormats } from './quant.ts';
import {
  CHINCHILLA_TOKENS_PER_PARAM,
  INFERENCE_FLOPS_PER_PARAM_TOKEN,
  llama3Overtraining,
  scalingLawFits,
  TRAINING_FLOPS_PER_PARAM_TOKEN,
} from './scaling.ts';

const catalogues: Record<string, readonly object[]> = {
  devices,
  decoderModels,
  encoderModels,
  quantFormats: Object.values(quantFormats),
  apiPrices,
  cloudGpuPrices,
  scalingLawFits: Object.values(scalingLawFits),
  scalingConstants: [TRAINING_FLOPS_PER_PARAM_TOKEN, INFERENCE_FLOPS_PER_PARAM_TOKEN, CHINCHILLA_TOKENS_PER_PARAM],
  llama3Overtraining: Object.values(llama3Overtraining),
  efficiency: [...Object.values(efficiencyReference), DEFAULT_MFU, DATACENTER_MBU, LOCAL_RUNTIME_MBU],
  explorerPresets: Object.values(explorerPresets),
};

interface Finding {
  readonly path: string;
  readonly problem: string;
}

/** Every number must sit under an object carrying a non-empty source and an ISO asOf. */
function audit(node: unknown, path: string, sourced: boolean, out: Finding[]): void {
  if (typeof node === 'number') {
    if (!sourced) out.push({ path, problem: 'number without a source' });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  let here = sourced;
  const rec = node as Record<string, unknown>;
  if ('source' in rec || 'asOf' in rec) {
    if (typeof rec.source !== 'string' || rec.source.trim() === '') out.push({ path, problem: 'empty source' });
    if (typeof rec.asOf !== 'string' || !isIsoDate(rec.asOf))
      out.push({ path, problem: `bad asOf ${String(rec.asOf)}` });
    here = true;
  }
  for (const [key, value] of Object.entries(rec)) audit(value, `${path}.${key}`, here, out);
}

describe('catalogues', () => {
  it.each(Object.entries(catalogues))('every figure in %s has a source and a valid ISO as-of date', (name, entries) => {
    const findings: Finding[] = [];
    entries.forEach((entry, i) => audit(entry, `${name}[${i}]`, false, findings));
    expect(findings).toEqual([]);
  });

  it.each(Object.entries(catalogues))(
    'every %s entry carries provenance itself or on its figures',
    (_name, entries) => {
      for (const entry of entries) expect(JSON.stringify(entry)).toMatch(/"source":"[^"]+"/);
    },
  );

  it('has the expected sizes and unique ids', () => {
    expect(devices).toHaveLength(16);
    expect(decoderModels).toHaveLength(14);
    expect(encoderModels).toHaveLength(9);
    expect(Object.keys(quantFormats)).toHaveLength(15);
    expect(apiPrices).toHaveLength(18);
    expect(cloudGpuPrices).toHaveLength(12);
    for (const list of [devices, decoderModels, encoderModels, apiPrices, cloudGpuPrices]) {
      const ids = list.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('marks the figures the reference flags rather than hiding them', () => {
    const flaggedDevices = devices.filter((d) =>
      [d.memoryBytes, d.bandwidthBytesPerSecond, d.peakFlops].some((f) => f?.flagged !== undefined),
    );
    expect(flaggedDevices.map((d) => d.id).sort()).toEqual(
      [
        'apple-a17-pro',
        'apple-m3-max',
        'apple-m4-max',
        'apple-m4-pro',
        'mid-tier-android',
        'snapdragon-8-gen-3',
      ].sort(),
    );
    expect(devices.find((d) => d.id === 'a10g')!.peakFlops).toBeUndefined();
    expect(decoderModels.find((m) => m.id === 'llama-3.1-70b')!.architecture.flagged).toBeDefined();
    expect(
      apiPrices
        .filter((p) => p.flagged !== undefined)
        .map((p) => p.provider)
        .sort(),
    ).toEqual(['DeepInfra', 'DeepInfra', 'Groq', 'Groq', 'Together AI', 'Together AI']);
    for (const status of ['unconfirmed'] as const) {
      for (const d of devices) {
        for (const f of [d.memoryBytes, d.bandwidthBytesPerSecond, d.peakFlops])
          if (f?.status === status) expect(f.flagged).toBeDefined();
      }
    }
  });

  it('stores SI units', () => {
    const h100 = devices.find((d) => d.id === 'h100-sxm')!;
    expect(h100.memoryBytes.value).toBe(80e9);
    expect(h100.bandwidthBytesPerSecond.value).toBe(3.35e12);
    expect(h100.peakFlops!.value).toBeCloseTo(989.4e12, 0);
  });

  it('derives GGUF bits per weight as the reference does (to its three decimals)', () => {
    const table = {
      q8_0: 8.515,
      q6_k: 6.568,
      q5_k_m: 5.701,
      q4_k_m: 4.899,
      q4_k_s: 4.675,
      q4_0: 4.642,
      q3_k_m: 4.001,
      q2_k: 3.166,
    } as const;
    for (const [id, bpw] of Object.entries(table))
      expect(quantFormats[id as keyof typeof table].bitsPerWeight).toBeCloseTo(bpw, 3);
    expect(quantFormats.int4_awq.bitsPerWeight).toBe(4.15625);
    expect(quantFormats.q4.bitsPerWeight).toBe(4);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(devices)).toBe(true);
    expect(Object.isFrozen(devices[0]!.memoryBytes)).toBe(true);
    expect(Object.isFrozen(quantFormats.q4)).toBe(true);
    expect(Object.isFrozen(apiPrices[0])).toBe(true);
  });
});

describe('provenance helpers', () => {
  it.each([
    ['2026', true],
    ['2026-03', true],
    ['2026-03-21', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-13', false],
    ['2026-04-31', false],
    ['March 2026', false],
    ['', false],
  ])('isIsoDate(%s) = %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok);
  });

  it('dates undated sources to the snapshot and rejects bad provenance', () => {
    expect(provenance({ source: 'x', status: 'confirmed' })).toEqual({
      source: 'x',
      status: 'confirmed',
      asOf: REFERENCE_SNAPSHOT_AS_OF,
      asOfBasis: 'snapshot',
    });
    expect(provenance({ source: 'x', status: 'confirmed', asOf: '2024-07' }).asOfBasis).toBe('source');
    expect(() => provenance({ source: ' ', status: 'confirmed' })).toThrow(/source/);
    expect(() => provenance({ source: 'x', status: 'confirmed', asOf: 'late 2024' })).toThrow(/asOf/);
  });
});
