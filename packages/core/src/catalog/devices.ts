/**
 * Accelerators and devices: datacentre and consumer GPUs, Apple silicon, phones.
 *
 * Units: memory in bytes and bandwidth in bytes/s (decimal: 1 GB = 1e9 bytes, 1 GB/s = 1e9 B/s,
 * as in the sources); peak compute in dense (non-sparse) FLOP/s or, for NPUs, operations/s.
 *
 * @module
 */
import { oneOf } from '../validate.ts';
import { deepFreeze, figure, type Sourced } from './provenance.ts';

/** Identifiers of the devices in {@link devices}. */
export type DeviceId =
  | 'h100-sxm'
  | 'h100-pcie'
  | 'h200-sxm'
  | 'a100-40gb-sxm'
  | 'a100-80gb-sxm'
  | 'l4'
  | 'l40s'
  | 'a10g'
  | 'rtx-4090'
  | 'mi300x'
  | 'apple-m3-max'
  | 'apple-m4-max'
  | 'apple-m4-pro'
  | 'snapdragon-8-gen-3'
  | 'apple-a17-pro'
  | 'mid-tier-android';

/** Broad class of device; decides the default decode efficiency (see `defaultDecodeEfficiency`). */
export type DeviceKind = 'datacenter-gpu' | 'consumer-gpu' | 'apple-silicon' | 'phone';

/**
 * What `peakFlops` counts: dense BF16 or FP16 tensor FLOP/s for GPUs, FP32 shader FLOP/s for the
 * Apple GPU estimates, and vendor "TOPS" (operations/s, precision not stated) for phone NPUs.
 */
export type PeakPrecision = 'bf16' | 'fp16' | 'fp32' | 'npu-ops';

/** One device with its sourced figures. */
export interface Device {
  readonly id: DeviceId;
  readonly name: string;
  readonly vendor: string;
  readonly kind: DeviceKind;
  /** Memory available to the accelerator: HBM/GDDR, unified memory, or phone RAM. */
  readonly memoryBytes: Sourced<number>;
  readonly memoryType?: string;
  /** Peak memory bandwidth, bytes/s. */
  readonly bandwidthBytesPerSecond: Sourced<number>;
  /** Peak dense compute in the precision named by `peakPrecision`; absent when not published. */
  readonly peakFlops?: Sourced<number>;
  readonly peakPrecision?: PeakPrecision;
  /** Dense FP8 tensor FLOP/s where the device has FP8 tensor cores. */
  readonly fp8DenseFlops?: Sourced<number>;
  /** Dense INT8 tensor operations/s. */
  readonly int8DenseOps?: Sourced<number>;
}

const GB = 1e9;
const TFLOPS = 1e12;

const H100_DATASHEET =
  "NVIDIA H100 datasheet table as reproduced at archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html ('Shown with sparsity; specifications 1/2 lower without sparsity'), cross-checked with glennklockwood.com/garden/processors/h100";
const A100_KLOCKWOOD = 'glennklockwood.com/garden/processors/A100 (citing the NVIDIA A100 datasheet)';
const L4_SUMMARY =
  "NVIDIA L4 datasheet as summarised at grokipedia.com/page/NVIDIA_L4_vs_L40S (242 TFLOPS FP16 and 485 TFLOPS FP8/INT8 'with sparsity', halved for dense)";
const L40S_TABLE = 'NVIDIA L40/L40S specification table reproduced at mullet.se (product 355414)';
const APPLE_TFLOPS_FLAG = 'Apple publishes no TFLOPS; M-series GPU figures are third-party or derived estimates.';

/**
 * The device catalogue. Entries whose figures the reference lists as unconfirmed or flagged keep
 * those figures with `flagged` set (never silently); the A10G has no peak compute because none was
 * confirmed.
 *
 * @example
 * const h100 = devices.find((d) => d.id === 'h100-sxm')!;
 * h100.bandwidthBytesPerSecond.value; // 3.35e12
 */
export const devices: readonly Device[] = deepFreeze<readonly Device[]>([
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM5 80GB',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(80 * GB, { source: H100_DATASHEET, status: 'confirmed' }),
    memoryType: 'HBM3',
    bandwidthBytesPerSecond: figure(3350 * GB, { source: H100_DATASHEET, status: 'confirmed' }),
    peakFlops: figure(989.4 * TFLOPS, {
      source:
        'glennklockwood.com/garden/processors/h100 (BF16 matrix 989.4 dense, 1978.9 sparse); NVIDIA datasheet 1,979 with sparsity',
      status: 'confirmed',
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(1978.9 * TFLOPS, { source: H100_DATASHEET, status: 'confirmed' }),
    int8DenseOps: figure(1979 * TFLOPS, { source: H100_DATASHEET, status: 'confirmed' }),
  },
  {
    id: 'h100-pcie',
    name: 'NVIDIA H100 PCIe 80GB',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(80 * GB, { source: H100_DATASHEET, status: 'confirmed' }),
    memoryType: 'HBM2e',
    bandwidthBytesPerSecond: figure(2000 * GB, {
      source: `${H100_DATASHEET}; NVIDIA product brief PB-11133-001_v02 ('greater than 2,000 gigabytes per second')`,
      status: 'confirmed',
    }),
    peakFlops: figure(756 * TFLOPS, {
      source: `${H100_DATASHEET} (1,513 with sparsity, about 756.5 dense)`,
      status: 'confirmed',
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(1513 * TFLOPS, { source: H100_DATASHEET, status: 'confirmed' }),
    int8DenseOps: figure(1513 * TFLOPS, { source: H100_DATASHEET, status: 'confirmed' }),
  },
  {
    id: 'h200-sxm',
    name: 'NVIDIA H200 SXM 141GB',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(141 * GB, {
      source: 'aiwiki.ai/wiki/nvidia_h200; lzwjava.github.io; NVIDIA SC23 announcement as reported by geektopia.es',
      status: 'confirmed',
      asOf: '2023-11-13',
    }),
    memoryType: 'HBM3e',
    bandwidthBytesPerSecond: figure(4800 * GB, {
      source: 'aiwiki.ai/wiki/nvidia_h200; lzwjava.github.io; NVIDIA SC23 announcement (4.8 TB/s)',
      status: 'confirmed',
      asOf: '2023-11-13',
    }),
    peakFlops: figure(989.4 * TFLOPS, {
      source:
        "Same GH100 compute as H100 SXM (aiwiki.ai/wiki/nvidia_h200: 'compute pipeline is functionally identical'; lzwjava.github.io FP8 3,958 with sparsity)",
      status: 'secondary',
      note: 'Pages listing 1.97 PFLOPS BF16 as dense are quoting the sparse figure.',
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(1978.9 * TFLOPS, { source: 'as peakFlops; 3,958 with sparsity', status: 'secondary' }),
  },
  {
    id: 'a100-40gb-sxm',
    name: 'NVIDIA A100 40GB SXM4',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(40 * GB, { source: A100_KLOCKWOOD, status: 'confirmed' }),
    memoryType: 'HBM2',
    bandwidthBytesPerSecond: figure(1555 * GB, {
      source: `${A100_KLOCKWOOD} (1.555 TB/s); upb-pc2 wiki`,
      status: 'confirmed',
    }),
    peakFlops: figure(312 * TFLOPS, {
      source: `${A100_KLOCKWOOD}; upb-pc2 wiki (312 dense, 624 with sparsity)`,
      status: 'confirmed',
    }),
    peakPrecision: 'bf16',
    int8DenseOps: figure(624 * TFLOPS, { source: `${A100_KLOCKWOOD} (1,248 with sparsity)`, status: 'confirmed' }),
  },
  {
    id: 'a100-80gb-sxm',
    name: 'NVIDIA A100 80GB SXM4',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(80 * GB, { source: A100_KLOCKWOOD, status: 'confirmed' }),
    memoryType: 'HBM2e',
    bandwidthBytesPerSecond: figure(2039 * GB, {
      source: `${A100_KLOCKWOOD} (2.039 TB/s); thundercompute.com A100 table (SXM 80GB 2,039 GB/s)`,
      status: 'confirmed',
    }),
    peakFlops: figure(312 * TFLOPS, {
      source: `${A100_KLOCKWOOD} ('Its FLOPS were the same' as the 40GB)`,
      status: 'confirmed',
    }),
    peakPrecision: 'bf16',
    int8DenseOps: figure(624 * TFLOPS, { source: A100_KLOCKWOOD, status: 'confirmed' }),
  },
  {
    id: 'l4',
    name: 'NVIDIA L4 24GB',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(24 * GB, {
      source: 'grokipedia.com/page/NVIDIA_L4_vs_L40S; store.sourcecode.com L4 specification',
      status: 'confirmed',
    }),
    memoryType: 'GDDR6',
    bandwidthBytesPerSecond: figure(300 * GB, {
      source: 'grokipedia.com/page/NVIDIA_L4_vs_L40S; store.sourcecode.com (300 GB/s)',
      status: 'confirmed',
    }),
    peakFlops: figure(121 * TFLOPS, {
      source: L4_SUMMARY,
      status: 'secondary',
      note: 'Boost-clock calculations give 125.3 dense; NVIDIA publishes 242 with sparsity.',
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(242.5 * TFLOPS, { source: L4_SUMMARY, status: 'secondary' }),
    int8DenseOps: figure(242.5 * TFLOPS, {
      source: `${L4_SUMMARY}; store.sourcecode.com ('INT8 Tensor Core 485 TOPS | Sparsity')`,
      status: 'secondary',
    }),
  },
  {
    id: 'l40s',
    name: 'NVIDIA L40S 48GB',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(48 * GB, { source: `${L40S_TABLE}; omegaco.ae L40S`, status: 'confirmed' }),
    memoryType: 'GDDR6 with ECC',
    bandwidthBytesPerSecond: figure(864 * GB, { source: L40S_TABLE, status: 'confirmed' }),
    peakFlops: figure(362.05 * TFLOPS, {
      source: `${L40S_TABLE} (BFLOAT16 362.05 dense, 733 with sparsity)`,
      status: 'confirmed',
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(733 * TFLOPS, { source: `${L40S_TABLE} (1,466 with sparsity)`, status: 'confirmed' }),
  },
  {
    id: 'a10g',
    name: 'NVIDIA A10G 24GB (AWS G5)',
    vendor: 'NVIDIA',
    kind: 'datacenter-gpu',
    memoryBytes: figure(24 * GB, {
      source:
        "baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference ('24 gigabytes of GDDR6 VRAM'); AWS G5 documentation (24 GiB per GPU)",
      status: 'confirmed',
    }),
    memoryType: 'GDDR6',
    bandwidthBytesPerSecond: figure(600 * GB, {
      source:
        "baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference ('memory bandwidth of 600 gigabytes per second')",
      status: 'confirmed',
      note: 'Tensor-core TFLOPS were not found, so this device has no peakFlops.',
    }),
  },
  {
    id: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090 24GB',
    vendor: 'NVIDIA',
    kind: 'consumer-gpu',
    memoryBytes: figure(24 * GB, { source: 'waredb.com; techgoing.com', status: 'confirmed' }),
    memoryType: 'GDDR6X',
    bandwidthBytesPerSecond: figure(1008 * GB, { source: 'waredb.com (1008 GB/s)', status: 'confirmed' }),
    peakFlops: figure(165.2 * TFLOPS, {
      source:
        'NVIDIA Ada whitepaper figures as tabulated at gigagpu.com and waredb.com (BF16/FP16 with FP32 accumulate: 165.2 dense, 330.3 sparse)',
      status: 'secondary',
      note: 'FP16 with FP16 accumulate is 330.3 dense.',
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(660.6 * TFLOPS, {
      source: 'gigagpu.com (FP8 660.6 dense with FP16 accumulate)',
      status: 'secondary',
      note: 'waredb.com lists 330.3 dense: the figure depends on the accumulate mode; use 330.3 with FP32 accumulate.',
    }),
    int8DenseOps: figure(660.6 * TFLOPS, { source: 'gigagpu.com; waredb.com', status: 'secondary' }),
  },
  {
    id: 'mi300x',
    name: 'AMD Instinct MI300X 192GB',
    vendor: 'AMD',
    kind: 'datacenter-gpu',
    memoryBytes: figure(192 * GB, {
      source: 'jaredwatkins.com; aiwiki.ai/wiki/amd_instinct_mi300x',
      status: 'confirmed',
    }),
    memoryType: 'HBM3',
    bandwidthBytesPerSecond: figure(5300 * GB, {
      source: 'jaredwatkins.com; aiwiki.ai/wiki/amd_instinct_mi300x (5.3 TB/s)',
      status: 'confirmed',
    }),
    peakFlops: figure(1307.4 * TFLOPS, {
      source:
        "AMD peak specification constants in a public repository; jaredwatkins.com ('~1.3 PFLOPS FP16; ~2.6 PFLOPS FP8')",
      status: 'secondary',
      note: "Listings of '2,615 FP16 dense' quote the sparse figure.",
    }),
    peakPrecision: 'bf16',
    fp8DenseFlops: figure(2614.9 * TFLOPS, { source: 'as peakFlops', status: 'secondary' }),
  },
  {
    id: 'apple-m3-max',
    name: 'Apple M3 Max (16-core CPU / 40-core GPU)',
    vendor: 'Apple',
    kind: 'apple-silicon',
    memoryBytes: figure(128 * GB, {
      source: 'gamebastion.com / wccftech (M-series Max up to 128GB)',
      status: 'secondary',
      note: 'Largest configuration; smaller machines have less unified memory.',
    }),
    memoryType: 'unified LPDDR5',
    bandwidthBytesPerSecond: figure(400 * GB, {
      source: 'macmegasite.com (M3 Max 400 GB/s vs M4 Max 546 GB/s)',
      status: 'confirmed',
      asOf: '2024-10-30',
    }),
    peakFlops: figure(14.32 * TFLOPS, {
      source:
        'hmc-tech.com/gpu/apple-32-core-m4-max-vs-apple-40-core-m3-max (shader count × clock estimate; FP16 same rate)',
      status: 'estimate',
      flagged: APPLE_TFLOPS_FLAG,
    }),
    peakPrecision: 'fp32',
  },
  {
    id: 'apple-m4-max',
    name: 'Apple M4 Max (16-core CPU / 40-core GPU)',
    vendor: 'Apple',
    kind: 'apple-silicon',
    memoryBytes: figure(128 * GB, {
      source: 'notebookcheck.net (Apple M4 Max official); gamebastion.com',
      status: 'confirmed',
      note: 'Largest configuration; smaller machines have less unified memory.',
    }),
    memoryType: 'unified LPDDR5X',
    bandwidthBytesPerSecond: figure(546 * GB, {
      source: 'notebookcheck.net Apple M4 Max official; macmegasite.com; gamebastion.com (Apple claims 546GB/s)',
      status: 'confirmed',
      note: 'The binned 14-core CPU / 32-core GPU M4 Max has 410 GB/s (Ars Technica table).',
    }),
    peakFlops: figure(17.2 * TFLOPS, {
      source:
        'derived: 13.74 TFLOPS for the 32-core M4 Max (hmc-tech.com) scaled by 40/32; gpuhunter.io lists 34 TFLOPS FP16 (likely double-rate)',
      status: 'estimate',
      flagged: APPLE_TFLOPS_FLAG,
    }),
    peakPrecision: 'fp32',
  },
  {
    id: 'apple-m4-pro',
    name: 'Apple M4 Pro (up to 14-core CPU / 20-core GPU)',
    vendor: 'Apple',
    kind: 'apple-silicon',
    memoryBytes: figure(64 * GB, {
      source: 'gamebastion.com; Ars Technica table via goodnewsapodcast.com (M4 Pro 24/48/64GB)',
      status: 'confirmed',
      note: 'Largest configuration.',
    }),
    memoryType: 'unified LPDDR5X',
    bandwidthBytesPerSecond: figure(273 * GB, {
      source: 'gamebastion.com; Ars Technica table via goodnewsapodcast.com (M4 Pro 273GB/s)',
      status: 'confirmed',
    }),
    peakFlops: figure(8.6 * TFLOPS, {
      source: 'derived: 13.74 TFLOPS for the 32-core M4 Max (hmc-tech.com) × 20/32, assuming the same GPU core',
      status: 'estimate',
      flagged: APPLE_TFLOPS_FLAG,
    }),
    peakPrecision: 'fp32',
  },
  {
    id: 'snapdragon-8-gen-3',
    name: 'Qualcomm Snapdragon 8 Gen 3 (flagship Android, 2024)',
    vendor: 'Qualcomm',
    kind: 'phone',
    memoryBytes: figure(8 * GB, {
      source: "runlocalai.co ('Memory ceiling at 12-16 GB'); ertas.ai chipset table (Galaxy S24 / OnePlus 12: 8-12GB)",
      status: 'secondary',
      note: 'Phones with this chip ship with 8–16 GB of RAM; the low end is used so a fit holds on all of them.',
    }),
    memoryType: 'LPDDR5X',
    bandwidthBytesPerSecond: figure(76.8 * GB, {
      source: "runlocalai.co/hardware/snapdragon-8-gen-3 ('76.8 GB/s'; equals 9600 MT/s × 64-bit)",
      status: 'secondary',
    }),
    peakFlops: figure(45 * TFLOPS, {
      source: "runlocalai.co (third-party; Qualcomm's own material gives only '98% faster' NPU)",
      status: 'estimate',
      flagged: "Snapdragon 8 Gen 3 NPU '45 TOPS' is a third-party figure.",
      note: 'NPU INT8 operations/s, not FLOP/s.',
    }),
    peakPrecision: 'npu-ops',
  },
  {
    id: 'apple-a17-pro',
    name: 'Apple A17 Pro (iPhone 15 Pro, 2023)',
    vendor: 'Apple',
    kind: 'phone',
    memoryBytes: figure(8 * GB, {
      source: "grokipedia.com/page/Apple_A17 ('8 GB of unified LPDDR5')",
      status: 'secondary',
    }),
    memoryType: 'LPDDR5',
    bandwidthBytesPerSecond: figure(51.2 * GB, {
      source: 'derived assuming LPDDR5-6400 on a 64-bit bus; Apple does not publish this',
      status: 'unconfirmed',
      flagged: 'A17 Pro memory bandwidth is derived from an assumed LPDDR speed and bus width, not published.',
    }),
    peakFlops: figure(35 * TFLOPS, {
      source:
        'grokipedia.com/page/Apple_A17; tablety.pl (16-core Neural Engine, about 35 trillion operations per second)',
      status: 'confirmed',
      asOf: '2023-09-12',
      note: 'Neural Engine operations/s; the precision is not stated.',
    }),
    peakPrecision: 'npu-ops',
  },
  {
    id: 'mid-tier-android',
    name: 'Mid-tier Android (e.g. Snapdragon 7s Gen 3 / 7 Gen 3, Dimensity 7300)',
    vendor: 'various',
    kind: 'phone',
    memoryBytes: figure(6 * GB, {
      source: 'ertas.ai/blog/llm-android-benchmarks-snapdragon-tensor chipset table (Snapdragon 7 Gen 3 devices 6-8GB)',
      status: 'secondary',
      note: 'Devices ship with 6–8 GB; the low end is used.',
    }),
    memoryType: 'LPDDR4X or LPDDR5, 32-bit controller',
    bandwidthBytesPerSecond: figure(25.6 * GB, {
      source:
        'derived: LPDDR5-6400 × 32-bit = 25.6 GB/s (controller width per AnandTech launch article rewrite at techtide.one)',
      status: 'unconfirmed',
      flagged: 'Mid-tier Android memory bandwidth is derived from an assumed LPDDR speed, not published.',
    }),
  },
]);

/**
 * Looks a device up by id.
 *
 * @throws RangeError when the id is unknown.
 * @example
 * deviceById('l4').memoryBytes.value; // 24e9
 */
export function deviceById(id: DeviceId): Device {
  const checked = oneOf('deviceId', id, deviceIds);
  return devices.find((d) => d.id === checked) as Device;
}

/**
 * All device ids, in catalogue order.
 *
 * @example
 * deviceIds.includes('h100-sxm'); // true
 */
export const deviceIds: readonly DeviceId[] = devices.map((d) => d.id);
