import { deviceIds, type DeviceId } from '@rightsize/core';
import { z } from 'zod';
import { zId, zVersion } from './common.ts';
import {
  JURISDICTIONS,
  LATENCY_MAX_MS,
  LOCALITIES,
  MEMORY_BUDGET_MAX_BYTES,
  MONTHLY_BUDGET_MAX_USD,
  MONTHLY_GROWTH_MAX,
  MONTHLY_REQUESTS_MAX,
  QUALITY_METRIC_MAX_LENGTH,
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_NAME_MAX_LENGTH,
  TOKENS_MAX,
} from './constants.ts';
import { zIncludeArchived } from './project.ts';
import { ZTeamScope } from './team.ts';

const grouped = (n: number) => n.toLocaleString('en');

export const zTaskName = z
  .string({ error: 'Enter a name for the task.' })
  .trim()
  .min(1, 'Enter a name for the task.')
  .max(TASK_NAME_MAX_LENGTH, `Shorten the name to at most ${TASK_NAME_MAX_LENGTH} characters.`);

export const zTaskDescription = z
  .string({ error: 'The description must be text.' })
  .trim()
  .max(
    TASK_DESCRIPTION_MAX_LENGTH,
    `Shorten the description to at most ${grouped(TASK_DESCRIPTION_MAX_LENGTH)} characters.`,
  );

const zMonthlyRequests = z
  .number({ error: 'Enter the monthly request volume as a number, like 2000000.' })
  .min(0, 'Monthly requests cannot be negative: enter 0 or more.')
  .max(MONTHLY_REQUESTS_MAX, 'Enter at most 10 trillion (1e13) requests a month.');

const zMonthlyGrowth = z
  .number({ error: 'Enter growth as a fraction of the volume per month, like 0.05 for 5 %.' })
  .gt(-1, 'Growth must be above -1 (a volume cannot shrink by 100 % or more a month).')
  .max(MONTHLY_GROWTH_MAX, `Growth can be at most ${MONTHLY_GROWTH_MAX} (+${MONTHLY_GROWTH_MAX * 100} % a month).`);

const zTokens = (what: string) =>
  z
    .int({ error: `Enter ${what} as a whole number of tokens.` })
    .min(0, `Enter 0 or more tokens for ${what}.`)
    .max(TOKENS_MAX, `Enter at most ${grouped(TOKENS_MAX)} tokens for ${what}.`);

const zLatencyMs = (what: string) =>
  z
    .int({ error: `Enter the ${what} as a whole number of milliseconds.` })
    .min(1, `The ${what} must be above 0 ms.`)
    .max(LATENCY_MAX_MS, `The ${what} can be at most ${grouped(LATENCY_MAX_MS)} ms (a day).`);

const zLocality = z.enum(LOCALITIES, { error: `Choose where the model may run: ${LOCALITIES.join(', ')}.` });

/** Duplicates are dropped and the list kept in a fixed order, like capacities. */
const zJurisdictions = z
  .array(z.enum(JURISDICTIONS, { error: `Choose jurisdictions from ${JURISDICTIONS.join(', ')}.` }), {
    error: 'Jurisdictions must be a list, like ["EU", "UK"].',
  })
  .max(JURISDICTIONS.length * 2, `Choose at most ${JURISDICTIONS.length} jurisdictions.`)
  .transform((list) => JURISDICTIONS.filter((code) => list.includes(code)));

const zTargetDevice = z.enum(deviceIds as [DeviceId, ...DeviceId[]], {
  error: 'Choose a device from the catalogue, or leave the target device empty.',
});

const zMemoryBudgetBytes = z
  .number({ error: 'Enter the memory budget in bytes, like 8000000000 for 8 GB.' })
  .gt(0, 'The memory budget must be above 0 bytes; leave it empty for none.')
  .max(MEMORY_BUDGET_MAX_BYTES, 'Enter a memory budget of at most 1 PB (1e15 bytes).');

const zMonthlyBudgetUsd = z
  .number({ error: 'Enter the monthly budget in US dollars, like 5000.' })
  .min(0, 'The monthly budget cannot be negative: enter 0 or more, or leave it empty.')
  .max(MONTHLY_BUDGET_MAX_USD, 'Enter a monthly budget of at most 1 trillion USD.');

const zQualityMetric = z
  .string({ error: 'Name the quality metric, like "field-level exact match".' })
  .trim()
  .min(1, 'Name the quality metric, like "field-level exact match".')
  .max(QUALITY_METRIC_MAX_LENGTH, `Shorten the metric name to at most ${QUALITY_METRIC_MAX_LENGTH} characters.`);

const zQualityBar = z.number({ error: 'Enter the quality bar as a number, like 0.95.' });

const zBoolean = (what: string) => z.boolean({ error: `${what} must be true or false.` });

/** Every field of a task a user edits, each with its own check. */
const taskFields = {
  name: zTaskName,
  description: zTaskDescription,
  monthlyRequests: zMonthlyRequests,
  monthlyGrowth: zMonthlyGrowth,
  inputTokens: zTokens('the typical input'),
  outputTokens: zTokens('the typical output'),
  inputTokensP95: zTokens('the 95th-percentile input'),
  outputTokensP95: zTokens('the 95th-percentile output'),
  latencyP95Ms: zLatencyMs('p95 latency budget'),
  latencyP99Ms: zLatencyMs('p99 latency budget'),
  streaming: zBoolean('Streaming'),
  ttftMs: zLatencyMs('time-to-first-token budget').nullable(),
  targetDevice: zTargetDevice.nullable(),
  memoryBudgetBytes: zMemoryBudgetBytes.nullable(),
  locality: zLocality,
  jurisdictions: zJurisdictions,
  monthlyBudgetUsd: zMonthlyBudgetUsd.nullable(),
  qualityMetric: zQualityMetric,
  qualityBar: zQualityBar,
  qualityHigherBetter: zBoolean('Higher is better'),
};

/** The fields the cross-field rules read; null or absent values are not compared. */
export interface TaskRuleFields {
  inputTokens?: number | undefined;
  inputTokensP95?: number | undefined;
  outputTokens?: number | undefined;
  outputTokensP95?: number | undefined;
  latencyP95Ms?: number | undefined;
  latencyP99Ms?: number | undefined;
  streaming?: boolean | undefined;
  ttftMs?: number | null | undefined;
}

/**
 * The rules between fields, each attached to the field to fix. Shared by the schemas (on what was
 * sent) and the service (on the stored task with the patch applied).
 */
export const taskRuleIssues = (task: TaskRuleFields): { field: keyof TaskRuleFields; message: string }[] => {
  const issues: { field: keyof TaskRuleFields; message: string }[] = [];
  const known = (value: number | null | undefined): value is number => typeof value === 'number';
  if (known(task.inputTokens) && known(task.inputTokensP95) && task.inputTokensP95 < task.inputTokens) {
    issues.push({
      field: 'inputTokensP95',
      message: `The 95th-percentile input must be at least the typical input (${grouped(task.inputTokens)} tokens).`,
    });
  }
  if (known(task.outputTokens) && known(task.outputTokensP95) && task.outputTokensP95 < task.outputTokens) {
    issues.push({
      field: 'outputTokensP95',
      message: `The 95th-percentile output must be at least the typical output (${grouped(task.outputTokens)} tokens).`,
    });
  }
  if (known(task.latencyP95Ms) && known(task.latencyP99Ms) && task.latencyP99Ms < task.latencyP95Ms) {
    issues.push({
      field: 'latencyP99Ms',
      message: `The p99 budget must be at least the p95 budget (${grouped(task.latencyP95Ms)} ms).`,
    });
  }
  if (known(task.ttftMs) && task.streaming === false) {
    issues.push({
      field: 'ttftMs',
      message: 'A time-to-first-token budget applies only to streamed output: turn streaming on, or clear it.',
    });
  }
  if (known(task.ttftMs) && known(task.latencyP99Ms) && task.ttftMs > task.latencyP99Ms) {
    issues.push({
      field: 'ttftMs',
      message: `The first token cannot be due after the whole response: use at most the p99 budget (${grouped(task.latencyP99Ms)} ms).`,
    });
  }
  return issues;
};

const checkRules = (task: TaskRuleFields, ctx: z.RefinementCtx) => {
  for (const { field, message } of taskRuleIssues(task)) ctx.addIssue({ code: 'custom', path: [field], message });
};

/**
 * A new task. Optional fields take their defaults in the service: the 95th percentiles default to
 * the typical token counts, streaming to off, locality to ANY, growth to 0, higher-is-better on.
 */
export const ZTaskCreate = ZTeamScope.extend({
  projectId: zId,
  name: taskFields.name,
  description: taskFields.description.default(''),
  monthlyRequests: taskFields.monthlyRequests,
  monthlyGrowth: taskFields.monthlyGrowth.default(0),
  inputTokens: taskFields.inputTokens,
  outputTokens: taskFields.outputTokens,
  inputTokensP95: taskFields.inputTokensP95.optional(),
  outputTokensP95: taskFields.outputTokensP95.optional(),
  latencyP95Ms: taskFields.latencyP95Ms,
  latencyP99Ms: taskFields.latencyP99Ms,
  streaming: taskFields.streaming.default(false),
  ttftMs: taskFields.ttftMs.default(null),
  targetDevice: taskFields.targetDevice.default(null),
  memoryBudgetBytes: taskFields.memoryBudgetBytes.default(null),
  locality: taskFields.locality.default('ANY'),
  jurisdictions: taskFields.jurisdictions.default([]),
  monthlyBudgetUsd: taskFields.monthlyBudgetUsd.default(null),
  qualityMetric: taskFields.qualityMetric,
  qualityBar: taskFields.qualityBar,
  qualityHigherBetter: taskFields.qualityHigherBetter.default(true),
}).superRefine(checkRules);
export type TTaskCreate = z.infer<typeof ZTaskCreate>;
export type TTaskCreateInput = z.input<typeof ZTaskCreate>;

/** Lists a team's tasks, optionally of one project. */
export const ZTaskFind = ZTeamScope.extend({ projectId: zId.optional(), includeArchived: zIncludeArchived });
export type TTaskFind = z.infer<typeof ZTaskFind>;

export const ZTaskGet = ZTeamScope.extend({ taskId: zId });
export type TTaskGet = z.infer<typeof ZTaskGet>;

/**
 * A partial patch: only the fields given change; `projectId` moves the task to another project of
 * the team. The rules between fields are checked here on what was sent, and again by the service
 * on the stored task with the patch applied.
 */
export const ZTaskUpdate = ZTeamScope.extend({
  taskId: zId,
  version: zVersion,
  projectId: zId.optional(),
  ...z.object(taskFields).partial().shape,
}).superRefine(checkRules);
export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

export const ZTaskArchive = ZTeamScope.extend({ taskId: zId, version: zVersion });
export type TTaskArchive = z.infer<typeof ZTaskArchive>;
