// Chart.js configurations for the explorer: pure functions of the estimator's output, so they are
// unit-tested without a canvas. ChartCanvas.svelte owns the Chart instances.
import type { ChartConfiguration } from 'chart.js';
import {
  formatParams,
  formatUsd,
  quantFormats,
  SHARE_CURVE_MAX_PARAMS,
  SHARE_CURVE_MIN_PARAMS,
  type DeviceFitRow,
  type Exploration,
  type PriceLadder,
  type SharePoint,
  type QuantFormatId,
} from '@rightsize/core';

// Readable on light and dark backgrounds alike.
const colors = {
  curve: '#0d9488',
  you: '#dc2626',
  muted: '#94a3b8',
  grid: 'rgba(148, 163, 184, 0.25)',
  bar: '#0f766e',
  barAlt: '#64748b',
} as const;

const axis = { grid: { color: colors.grid }, ticks: { color: colors.muted } };

const isPowerOfTen = (value: number) => Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-9;

/**
 * Precisions a model is actually served at, best first. F32 is left out: nobody serves in it, and
 * a decode speed at F32 would understate every device.
 */
export const SERVING_FORMATS = ['f16', 'q8_0', 'q4_k_m', 'q4'] as const satisfies readonly QuantFormatId[];

/** The highest serving precision that fits the device, with its decode speed; undefined if none fits. */
export const servingFit = (device: DeviceFitRow) =>
  SERVING_FORMATS.map((format) => device.formats.find((fit) => fit.format === format)).find((fit) => fit?.fits);

const SHARE_TICKS = [0.5e9, 1e9, 5e9, 10e9, 50e9, 100e9, 500e9];

// Options are module constants: ChartCanvas re-applies options only when their identity changes,
// which keeps a slider drag to a data-only update (see the explorer-drag bench).
const shareCurveOptions: ChartConfiguration<'line'>['options'] = {
  maintainAspectRatio: false,
  parsing: false,
  normalized: true,
  interaction: { mode: 'nearest', intersect: false },
  scales: {
    x: {
      ...axis,
      type: 'logarithmic',
      min: SHARE_CURVE_MIN_PARAMS,
      max: SHARE_CURVE_MAX_PARAMS,
      title: { display: true, text: 'parameters (log scale)', color: colors.muted },
      // Only the 1-and-5 steps (0.5B, 1B, 5B … 500B): fewer labels to measure on every redraw.
      afterBuildTicks: (scale) => {
        scale.ticks = SHARE_TICKS.map((value) => ({ value }));
      },
      ticks: { color: colors.muted, autoSkip: false, maxRotation: 0, callback: (value) => formatParams(Number(value)) },
    },
    y: {
      ...axis,
      min: 0,
      max: 100,
      title: { display: true, text: 'inference share', color: colors.muted },
      ticks: { color: colors.muted, stepSize: 25, callback: (value) => `${value}%` },
    },
  },
  plugins: {
    legend: { labels: { color: colors.muted } },
    tooltip: {
      callbacks: {
        label: (item) =>
          `${formatParams((item.raw as { x: number }).x)} params: ${(item.raw as { y: number }).y.toFixed(1)}%`,
      },
    },
  },
};

/**
 * Inference share of lifetime compute against model size, at the current served volume. The
 * curve depends on the served volume and tokens per parameter only; where "you" sit on it is
 * {@link shareMarker}, drawn over the chart so that dragging the size slider redraws nothing.
 */
export const shareCurveConfig = (curve: readonly SharePoint[]): ChartConfiguration<'line'> => ({
  type: 'line',
  data: {
    datasets: [
      {
        label: 'inference share of lifetime compute',
        data: curve.map((point) => ({ x: point.params, y: point.share * 100 })),
        borderColor: colors.curve,
        backgroundColor: colors.curve,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        tension: 0,
      },
    ],
  },
  options: shareCurveOptions,
});

/** Where the current model sits on the share curve, in the chart's units (parameters, percent). */
export const shareMarker = (e: Exploration) => ({ x: e.params, y: e.inferenceShare * 100, label: 'you' });

const priceLadderOptions: ChartConfiguration<'bar'>['options'] = {
  indexAxis: 'y',
  maintainAspectRatio: false,
  scales: {
    x: {
      ...axis,
      type: 'logarithmic',
      title: { display: true, text: 'USD per million output tokens (log scale)', color: colors.muted },
      // Powers of ten only: the log axis would otherwise label every 1…9 step.
      ticks: {
        color: colors.muted,
        callback: (value) => (isPowerOfTen(Number(value)) ? formatUsd(Number(value)) : ''),
      },
    },
    y: { ...axis, ticks: { color: colors.muted, autoSkip: false } },
  },
  plugins: {
    legend: { display: false },
    tooltip: { callbacks: { label: (item) => `${formatUsd(Number(item.raw))} per million output tokens` } },
  },
};

/** Output price per million tokens across the API catalogue, cheapest first, on a log axis. */
export const priceLadderConfig = (ladder: PriceLadder): ChartConfiguration<'bar'> => ({
  type: 'bar',
  data: {
    labels: ladder.rows.map((row) => row.model),
    datasets: [
      {
        label: 'USD per million output tokens',
        data: ladder.rows.map((row) => row.outputUsdPerMillion),
        backgroundColor: ladder.rows.map((row) => (row.flagged ? colors.barAlt : colors.bar)),
      },
    ],
  },
  options: priceLadderOptions,
});

const decodeSpeedOptions: ChartConfiguration<'bar'>['options'] = {
  indexAxis: 'y',
  maintainAspectRatio: false,
  scales: {
    x: {
      ...axis,
      beginAtZero: true,
      title: { display: true, text: 'tokens per second (estimate)', color: colors.muted },
    },
    y: { ...axis, ticks: { color: colors.muted, autoSkip: false } },
  },
  plugins: { legend: { display: false } },
};

/** Single-sequence decode speed on each device at the highest serving precision that fits (none: no bar). */
export const decodeSpeedConfig = (devices: readonly DeviceFitRow[]): ChartConfiguration<'bar'> => {
  const speedAtBest = (device: DeviceFitRow) => servingFit(device)?.decodeTokensPerSecond ?? 0;
  return {
    type: 'bar',
    data: {
      labels: devices.map((device) => {
        const fit = servingFit(device);
        return fit ? `${device.name} (${quantFormats[fit.format].label})` : `${device.name} (does not fit)`;
      }),
      datasets: [
        {
          label: 'decode tokens/s, one sequence',
          data: devices.map(speedAtBest),
          backgroundColor: devices.map((device) => (servingFit(device) ? colors.bar : colors.barAlt)),
        },
      ],
    },
    options: decodeSpeedOptions,
  };
};
