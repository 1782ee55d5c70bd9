/**
 * Efficiency defaults: the fraction of peak compute (MFU) and of peak memory bandwidth (MBU) that
 * real systems reach, with the figures the presets and device tables use.
 *
 * @module
 */
import { oneOf } from '../validate.ts';
import type { DeviceKind } from './devices.ts';
import { deepFreeze, figure, type Sourced } from './provenance.ts';

const LLM_ANALYSIS = 'llm-analysis README (cli99/llm-analysis)';

/**
 * Published efficiency figures.
 *
 * @example
 * efficiencyReference.flopsEfficiencyInferenceMax.value; // 0.7
 */
export const efficiencyReference = deepFreeze({
  mbuTypical: figure(
    { low: 0.6, high: 0.85 },
    {
      source:
        "open-source-ai.tech glossary, 'model bandwidth utilization': 'Real systems land around 60 to 85 percent'; vLLM/TensorRT-LLM commonly 70–85 %; llama.cpp/MLX lower",
      status: 'estimate',
      note: 'Explicitly a rule of thumb rather than a published constant.',
    },
  ),
  memoryEfficiencyAggressive: figure(0.9, {
    source: `${LLM_ANALYSIS}: '0.9 can be an aggressive target for memory efficiencies'`,
    status: 'confirmed',
  }),
  flopsEfficiencyInferenceMax: figure(0.7, {
    source: `${LLM_ANALYSIS}: 'literature reports up to 0.5 for large scale model training, and up to 0.7 for inference'`,
    status: 'confirmed',
  }),
  flopsEfficiencyTrainingMax: figure(0.5, { source: LLM_ANALYSIS, status: 'confirmed' }),
  trainingMfuLlama3_405b: figure(
    { low: 0.38, high: 0.43 },
    {
      source: "Llama 3 Herd paper, arXiv 2407.21783, Table 4: 'overall BF16 MFU of 38-43%'",
      status: 'secondary',
      asOf: '2024-07',
    },
  ),
  llamaCppMetalM1MaxBandwidth: figure(
    {
      oldKernelsBytesPerSecond: 95.7e9,
      newKernelsBytesPerSecond: 194.4e9,
      int4GemvBytesPerSecond: 315.7e9,
      peakBytesPerSecond: 400e9,
    },
    {
      source:
        "ggml-org/llama.cpp PR #1642 'llama : Metal inference' (GEMV bandwidth measured on M1 Max, peak 400 GB/s)",
      status: 'confirmed',
    },
  ),
} as const);

/**
 * Model FLOPs utilisation used by the realistic presets: 40 %, a round value inside Llama 3's
 * measured 38–43 % BF16 MFU on H100s.
 *
 * @example
 * deviceSeconds(1.08e21, { peakFlops: 989.4e12, utilization: DEFAULT_MFU.value }); // ≈ 2.73e6 s
 */
export const DEFAULT_MFU: Sourced<number> = figure(0.4, {
  source:
    'derived: a round value within the 38–43 % BF16 MFU of Llama 3 405B training on H100s (arXiv 2407.21783, Table 4)',
  status: 'derived',
  asOf: '2024-07',
});

/**
 * Decode bandwidth utilisation for datacentre serving stacks: 70 %, the low end of the 70–85 %
 * commonly reached by vLLM and TensorRT-LLM.
 *
 * @example
 * DATACENTER_MBU.value * 3.35e12 / 16e9; // ≈ 147 tokens/s for 16 GB of weights on an H100 SXM
 */
export const DATACENTER_MBU: Sourced<number> = figure(0.7, {
  source:
    "derived: low end of the 70–85 % MBU of vLLM/TensorRT-LLM (open-source-ai.tech glossary, 'model bandwidth utilization')",
  status: 'estimate',
});

/**
 * Decode bandwidth utilisation for local runtimes (llama.cpp, MLX) on laptops and phones: 48.6 %,
 * llama.cpp's measured Metal GEMV bandwidth on an M1 Max (194.4 of 400 GB/s).
 *
 * @example
 * LOCAL_RUNTIME_MBU.value; // 0.486
 */
export const LOCAL_RUNTIME_MBU: Sourced<number> = figure(194.4 / 400, {
  source:
    'derived: 194.4 GB/s measured / 400 GB/s peak, llama.cpp Metal kernels on M1 Max (ggml-org/llama.cpp PR #1642); the glossary notes llama.cpp/MLX land below the 60–85 % typical range',
  status: 'derived',
});

/**
 * The decode bandwidth utilisation to assume for a device class: {@link DATACENTER_MBU} for GPUs,
 * {@link LOCAL_RUNTIME_MBU} for Apple silicon and phones.
 *
 * @example
 * defaultDecodeEfficiency('datacenter-gpu').value; // 0.7
 * defaultDecodeEfficiency('phone').value; // 0.486
 */
export function defaultDecodeEfficiency(kind: DeviceKind): Sourced<number> {
  const k = oneOf('kind', kind, ['datacenter-gpu', 'consumer-gpu', 'apple-silicon', 'phone'] as const);
  return k === 'apple-silicon' || k === 'phone' ? LOCAL_RUNTIME_MBU : DATACENTER_MBU;
}
