// A task row as the estimator reads it, and a candidate's stored measurements as the estimator's
// `Measured`: the one place where the database's units (milliseconds) become the core's (seconds).
import type { DeviceId, Measured, TaskBudgets } from '@rightsize/core';
import type { Prisma } from '@rightsize/db';

/** The task columns {@link taskBudgetsOf} reads. */
export const taskBudgetsSelect = {
  monthlyRequests: true,
  monthlyGrowth: true,
  inputTokens: true,
  outputTokens: true,
  inputTokensP95: true,
  outputTokensP95: true,
  latencyP95Ms: true,
  latencyP99Ms: true,
  streaming: true,
  ttftMs: true,
  targetDevice: true,
  memoryBudgetBytes: true,
  locality: true,
  jurisdictions: true,
  monthlyBudgetUsd: true,
  qualityBar: true,
  qualityHigherBetter: true,
} as const satisfies Prisma.TaskSelect;

export type TaskBudgetFields = Prisma.TaskGetPayload<{ select: typeof taskBudgetsSelect }>;

/**
 * A task's budgets in the estimator's SI units: latency and time-to-first-token budgets from
 * milliseconds to seconds; everything else as stored. The device id was checked against the
 * catalogue when the task was written.
 */
export const taskBudgetsOf = (task: TaskBudgetFields): TaskBudgets => ({
  monthlyRequests: task.monthlyRequests,
  monthlyGrowth: task.monthlyGrowth,
  inputTokens: task.inputTokens,
  outputTokens: task.outputTokens,
  inputTokensP95: task.inputTokensP95,
  outputTokensP95: task.outputTokensP95,
  latencyP95Seconds: task.latencyP95Ms / 1000,
  latencyP99Seconds: task.latencyP99Ms / 1000,
  streaming: task.streaming,
  ttftSeconds: task.ttftMs === null ? null : task.ttftMs / 1000,
  targetDeviceId: task.targetDevice as DeviceId | null,
  memoryBudgetBytes: task.memoryBudgetBytes,
  locality: task.locality,
  jurisdictions: task.jurisdictions,
  monthlyBudgetUsd: task.monthlyBudgetUsd,
  qualityBar: task.qualityBar,
  qualityHigherBetter: task.qualityHigherBetter,
});

/** The candidate columns that hold imported measurements. */
export const measuredSelect = {
  measuredQuality: true,
  measuredQualityMetric: true,
  measuredQualitySamples: true,
  measuredQualitySource: true,
  measuredP50Ms: true,
  measuredP95Ms: true,
  measuredP99Ms: true,
  measuredLatencySamples: true,
  measuredLatencySource: true,
} as const satisfies Prisma.CandidateSelect;

export type MeasuredFields = Prisma.CandidateGetPayload<{ select: typeof measuredSelect }>;

/** A source is always written with a figure; an older row without one still says where it stands. */
const UNRECORDED_SOURCE = 'measured (source not recorded)';

/** Stored measurements as the estimator takes them (seconds, sample counts, sources). */
export const measuredOf = (row: MeasuredFields): Measured => ({
  ...(row.measuredQuality === null
    ? {}
    : {
        quality: {
          value: row.measuredQuality,
          source: row.measuredQualitySource || UNRECORDED_SOURCE,
          ...(row.measuredQualitySamples === null ? {} : { sampleSize: row.measuredQualitySamples }),
        },
      }),
  ...(row.measuredP50Ms === null ||
  row.measuredP95Ms === null ||
  row.measuredP99Ms === null ||
  row.measuredLatencySamples === null
    ? {}
    : {
        latency: {
          p50Seconds: row.measuredP50Ms / 1000,
          p95Seconds: row.measuredP95Ms / 1000,
          p99Seconds: row.measuredP99Ms / 1000,
          samples: row.measuredLatencySamples,
          source: row.measuredLatencySource || UNRECORDED_SOURCE,
        },
      }),
});

/** Stored measurements as procedures return them: in the database's units, each with its source. */
export const presentMeasured = (row: MeasuredFields) => ({
  quality:
    row.measuredQuality === null
      ? null
      : {
          value: row.measuredQuality,
          metric: row.measuredQualityMetric,
          sampleSize: row.measuredQualitySamples,
          source: row.measuredQualitySource,
        },
  latency:
    row.measuredP50Ms === null || row.measuredP95Ms === null || row.measuredP99Ms === null
      ? null
      : {
          p50Ms: row.measuredP50Ms,
          p95Ms: row.measuredP95Ms,
          p99Ms: row.measuredP99Ms,
          samples: row.measuredLatencySamples,
          source: row.measuredLatencySource,
        },
});
