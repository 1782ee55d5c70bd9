/**
 * Presets of the cost-curve explorer: the lesson's idealised device and realistic hardware.
 *
 * @module
 */
import { deviceById, type DeviceId } from './catalog/devices.ts';
import { DEFAULT_MFU, defaultDecodeEfficiency } from './catalog/efficiency.ts';
import { deepFreeze, figure, type Sourced } from './catalog/provenance.ts';
import { CHINCHILLA_TOKENS_PER_PARAM } from './catalog/scaling.ts';

/** Identifiers of the explorer presets. */
export type ExplorerPresetId = 'lesson' | 'h100-sxm' | 'h200-sxm' | 'a100-80gb' | 'l4' | 'laptop' | 'phone';

/** One explorer preset: the device that trains and serves, and how well it is used. */
export interface ExplorerPreset {
  readonly id: ExplorerPresetId;
  readonly label: string;
  readonly description: string;
  /** The catalogue device, or null for the lesson's idealised device. */
  readonly deviceId: DeviceId | null;
  /** Peak dense FLOP/s (for phones: NPU operations/s). */
  readonly peakFlops: Sourced<number>;
  /** Fraction of peak achieved when training and serving (MFU). */
  readonly utilization: Sourced<number>;
  /** Fraction of peak memory bandwidth achieved when decoding (MBU). */
  readonly decodeEfficiency: Sourced<number>;
  /** Default training tokens per parameter. */
  readonly tokensPerParam: Sourced<number>;
}

const LESSON_SOURCE =
  'The cost-curve lesson (microscale.academy, Act I): its dial is computed at 1 PFLOP/s and 100 % utilisation (3B params, 10B served tokens → 12.5 d training, 16.7 h serving: 6·3e9·60e9 / 1e15 s and 2·3e9·10e9 / 1e15 s)';

function hardwarePreset(
  id: ExplorerPresetId,
  label: string,
  description: string,
  deviceId: DeviceId,
  utilization: Sourced<number> = DEFAULT_MFU,
): ExplorerPreset {
  const device = deviceById(deviceId);
  if (device.peakFlops === undefined) throw new Error(`device ${deviceId} has no peak FLOP/s`);
  return {
    id,
    label,
    description,
    deviceId,
    peakFlops: device.peakFlops,
    utilization,
    decodeEfficiency: defaultDecodeEfficiency(device.kind),
    tokensPerParam: CHINCHILLA_TOKENS_PER_PARAM,
  };
}

const LOCAL_MFU: Sourced<number> = {
  ...DEFAULT_MFU,
  note: 'No measured MFU for this device class in the reference; the datacentre training value is reused, so treat times as optimistic.',
};

/**
 * The explorer presets, keyed by id.
 *
 * - `lesson`: the lesson's idealised device, 1 PFLOP/s at 100 % utilisation and 100 % bandwidth
 *   use, Chinchilla tokens (20 per parameter). Reproduces the lesson's figures exactly.
 * - `h100-sxm`, `h200-sxm`, `a100-80gb`, `l4`: catalogue peak dense BF16 FLOP/s at 40 % MFU (within
 *   Llama 3's measured 38–43 %), decode at 70 % MBU.
 * - `laptop` (Apple M4 Max) and `phone` (Snapdragon 8 Gen 3): estimated peaks (flagged in the
 *   catalogue), decode at llama.cpp's measured 48.6 % bandwidth use.
 *
 * @example
 * explorerPresets.lesson.peakFlops.value; // 1e15
 * explorerPresets['h100-sxm'].peakFlops.value * explorerPresets['h100-sxm'].utilization.value; // ≈ 3.96e14
 */
export const explorerPresets: Readonly<Record<ExplorerPresetId, ExplorerPreset>> = deepFreeze({
  lesson: {
    id: 'lesson',
    label: 'Lesson (idealised 1 PFLOP/s)',
    description: 'The lesson’s idealised accelerator: 1 PFLOP/s at 100 % utilisation, Chinchilla-trained (D = 20·N).',
    deviceId: null,
    peakFlops: figure(1e15, { source: LESSON_SOURCE, status: 'confirmed', asOf: '2026-04' }),
    utilization: figure(1, { source: LESSON_SOURCE, status: 'confirmed', asOf: '2026-04' }),
    decodeEfficiency: figure(1, {
      source: 'idealised like the rest of the lesson preset: peak bandwidth fully used',
      status: 'derived',
      asOf: '2026-04',
    }),
    tokensPerParam: CHINCHILLA_TOKENS_PER_PARAM,
  },
  'h100-sxm': hardwarePreset(
    'h100-sxm',
    'H100 SXM, 40 % MFU',
    'NVIDIA H100 SXM5 80GB: 989.4 TFLOP/s dense BF16 at 40 % MFU.',
    'h100-sxm',
  ),
  'h200-sxm': hardwarePreset(
    'h200-sxm',
    'H200 SXM, 40 % MFU',
    'NVIDIA H200 SXM 141GB: H100 compute with 4.8 TB/s HBM3e, at 40 % MFU.',
    'h200-sxm',
  ),
  'a100-80gb': hardwarePreset(
    'a100-80gb',
    'A100 80GB, 40 % MFU',
    'NVIDIA A100 80GB SXM4: 312 TFLOP/s dense BF16 at 40 % MFU.',
    'a100-80gb-sxm',
  ),
  l4: hardwarePreset('l4', 'L4, 40 % MFU', 'NVIDIA L4 24GB: 121 TFLOP/s dense FP16/BF16 at 40 % MFU.', 'l4'),
  laptop: hardwarePreset(
    'laptop',
    'Laptop (Apple M4 Max)',
    'Apple M4 Max with 40-core GPU: an estimated 17.2 TFLOP/s (Apple publishes none), 546 GB/s unified memory.',
    'apple-m4-max',
    LOCAL_MFU,
  ),
  phone: hardwarePreset(
    'phone',
    'Phone (Snapdragon 8 Gen 3)',
    'Flagship Android phone: a third-party 45 TOPS NPU estimate, 76.8 GB/s LPDDR5X, 8 GB RAM.',
    'snapdragon-8-gen-3',
    LOCAL_MFU,
  ),
});

/**
 * All explorer preset ids.
 *
 * @example
 * explorerPresetIds; // ['lesson', 'h100-sxm', 'h200-sxm', 'a100-80gb', 'l4', 'laptop', 'phone']
 */
export const explorerPresetIds: readonly ExplorerPresetId[] = Object.keys(explorerPresets) as ExplorerPresetId[];
