// Chart.js configurations for the comparison page: pure functions of what comparison.get returns,
// unit-tested without a canvas. ChartCanvas.svelte owns the Chart instances.
import type { ChartConfiguration } from 'chart.js';
import { formatUsd } from '@rightsize/core';

/** A candidate on the radar: each axis as a share of its budget (1 = exactly on budget). */
export interface RadarCandidate {
  id: string;
  name: string;
  /** Share of the budget used per axis; null when unknown (no figure or no budget). */
  scores: { cost: number | null; latency: number | null; memory: number | null; control: number | null };
}

/** A candidate on the quality-versus-cost chart. */
export interface QualityPoint {
  id: string;
  name: string;
  quality: number;
  monthlyUsd: number;
  dominated: boolean;
}

export const RADAR_AXES = ['cost', 'latency', 'memory', 'control'] as const;
const RADAR_LABELS = ['Cost / budget', 'p99 latency / budget', 'Memory / budget', 'Control'];

/** Shares above this are drawn at the rim: "far over budget" needs no exact radius. */
export const RADAR_CAP = 2;

// A palette distinguishable in light and dark mode, and for the common colour-vision deficiencies
// (Okabe–Ito order, without black).
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
const muted = '#94a3b8';
const compactUsd = new Intl.NumberFormat('en', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
});
const grid = 'rgba(148, 163, 184, 0.3)';

const colorOf = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

const radarOptions: ChartConfiguration<'radar'>['options'] = {
  maintainAspectRatio: false,
  scales: {
    r: {
      min: 0,
      max: RADAR_CAP,
      angleLines: { color: grid },
      grid: { color: grid },
      pointLabels: { color: muted },
      ticks: { color: muted, backdropColor: 'transparent', stepSize: 0.5, callback: (v) => `${Number(v) * 100}%` },
    },
  },
  plugins: {
    legend: { labels: { color: muted } },
    tooltip: {
      callbacks: {
        label: (item) => {
          const raw = item.raw as number | null;
          return `${item.dataset.label}: ${raw === null ? 'unknown' : `${Math.round(raw * 100)} % of budget`}`;
        },
      },
    },
  },
};

/**
 * The four axes of every visible candidate, each normalised to the task's budget, with the budget
 * itself drawn as the 100 % ring: inside the ring is within budget. Unknown axes are gaps.
 */
export const radarConfig = (candidates: readonly RadarCandidate[]): ChartConfiguration<'radar'> => ({
  type: 'radar',
  data: {
    labels: RADAR_LABELS,
    datasets: [
      {
        label: 'Budget',
        data: RADAR_AXES.map(() => 1),
        borderColor: muted,
        borderDash: [6, 4],
        backgroundColor: 'transparent',
        pointRadius: 0,
      },
      ...candidates.map((candidate, index) => ({
        label: candidate.name,
        data: RADAR_AXES.map((axis) => {
          const score = candidate.scores[axis];
          return score === null ? null : Math.min(score, RADAR_CAP);
        }) as number[],
        borderColor: colorOf(index),
        backgroundColor: `${colorOf(index)}22`,
        spanGaps: false,
      })),
    ],
  },
  options: radarOptions,
});

const qualityOptions = (higherIsBetter: boolean, qualityBar: number): ChartConfiguration<'scatter'>['options'] => ({
  maintainAspectRatio: false,
  scales: {
    // Linear from zero: on-device candidates cost nothing at the margin, which a log scale cannot show.
    x: {
      type: 'linear',
      min: 0,
      title: { display: true, text: 'monthly cost (USD)', color: muted },
      grid: { color: grid },
      ticks: { color: muted, callback: (v) => compactUsd.format(Number(v)) },
    },
    y: {
      title: {
        display: true,
        text: `quality (${higherIsBetter ? 'higher' : 'lower'} is better; bar ${qualityBar})`,
        color: muted,
      },
      grid: { color: grid },
      ticks: { color: muted },
      reverse: !higherIsBetter,
    },
  },
  plugins: {
    legend: { labels: { color: muted } },
    tooltip: {
      callbacks: {
        label: (item) => {
          const point = item.raw as { x: number; y: number; name: string; dominated: boolean };
          return `${point.name}: ${formatUsd(point.x)} a month, quality ${point.y}${point.dominated ? ' — dominated' : ''}`;
        },
      },
    },
  },
});

/**
 * Quality against monthly cost. Candidates beaten on both by another are drawn hollow with a
 * cross ("dominated"); the quality bar is a dashed line.
 */
export const qualityCostConfig = (
  points: readonly QualityPoint[],
  { qualityBar, higherIsBetter }: { qualityBar: number; higherIsBetter: boolean },
): ChartConfiguration<'scatter'> => {
  const high = Math.max(1, ...points.map((p) => p.monthlyUsd)) * 1.1;
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...points.map((point, index) => ({
          label: point.dominated ? `${point.name} (dominated)` : point.name,
          data: [{ x: point.monthlyUsd, y: point.quality, name: point.name, dominated: point.dominated }],
          borderColor: colorOf(index),
          backgroundColor: point.dominated ? 'transparent' : colorOf(index),
          pointStyle: point.dominated ? ('crossRot' as const) : ('circle' as const),
          pointRadius: 7,
          pointBorderWidth: 2,
        })),
        {
          label: 'Quality bar',
          type: 'line' as const,
          data: [
            { x: 0, y: qualityBar },
            { x: high, y: qualityBar },
          ],
          borderColor: muted,
          borderDash: [6, 4],
          pointRadius: 0,
        },
      ] as ChartConfiguration<'scatter'>['data']['datasets'],
    },
    options: qualityOptions(higherIsBetter, qualityBar),
  };
};
