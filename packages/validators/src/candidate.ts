// Candidates: a model considered for a task and how it would be deployed. `spec` mirrors
// `CandidateSpec` in @rightsize/core (the shape the four-axis evaluation reads); ids of catalogue
// entries are checked against the catalogues, so a stored spec always resolves.
import {
  apiPrices,
  cloudGpuPrices,
  decoderModels,
  deviceIds,
  encoderModels,
  kvFormatIds,
  quantFormatIds,
  type ApiPriceId,
  type DeviceId,
  type KvFormat,
  type ModelId,
  type QuantFormatId,
} from '@rightsize/core';
import { z } from 'zod';
import { zId, zVersion } from './common.ts';
import {
  CANDIDATE_KINDS,
  CANDIDATE_NAME_MAX_LENGTH,
  CANDIDATE_NOTES_MAX_LENGTH,
  EVAL_FILE_MAX_BYTES,
  EVAL_FILE_NAME_MAX_LENGTH,
  EVAL_MAPPING_MAX_SUBJECTS,
  JURISDICTIONS,
} from './constants.ts';
import { zIncludeArchived } from './project.ts';
import { ZTeamScope } from './team.ts';

const oneOf = <T extends string>(values: readonly T[], what: string) =>
  z.enum(values as [T, ...T[]], { error: `Choose ${what} from the catalogue.` });

const positive = (what: string, example: string) =>
  z
    .number({ error: `Enter ${what} as a number, like ${example}.` })
    .gt(0, `${what} must be above 0.`)
    .max(1e18);
const nonNegative = (what: string, example: string) =>
  z
    .number({ error: `Enter ${what} as a number, like ${example}.` })
    .min(0, `${what} cannot be negative.`)
    .max(1e15);
const share = (what: string) =>
  z
    .number({ error: `Enter ${what} as a fraction, like 0.6.` })
    .gt(0, `${what} must be above 0.`)
    .max(1, `${what} is a fraction of at most 1.`);
const count = (what: string, max: number) =>
  z
    .int({ error: `Enter ${what} as a whole number.` })
    .min(1, `${what} must be at least 1.`)
    .max(max);

export const zCandidateName = z
  .string({ error: 'Name the candidate, like "Qwen3-4B Q4 on the phone".' })
  .trim()
  .min(1, 'Name the candidate, like "Qwen3-4B Q4 on the phone".')
  .max(CANDIDATE_NAME_MAX_LENGTH, `Shorten the name to at most ${CANDIDATE_NAME_MAX_LENGTH} characters.`);

const zNotes = z
  .string({ error: 'Notes must be text.' })
  .trim()
  .max(
    CANDIDATE_NOTES_MAX_LENGTH,
    `Shorten the notes to at most ${CANDIDATE_NOTES_MAX_LENGTH.toLocaleString('en')} characters.`,
  );

const zJurisdiction = z.enum(JURISDICTIONS, { error: `Choose a jurisdiction from ${JURISDICTIONS.join(', ')}.` });

const modelIds = [...decoderModels.map((m) => m.id), ...encoderModels.map((m) => m.id)] as ModelId[];
const zDeviceId = oneOf(deviceIds as DeviceId[], 'a device');
const zFormat = oneOf(quantFormatIds as QuantFormatId[], 'a precision or quantisation format');
const zKvFormat = oneOf(kvFormatIds as KvFormat[], 'a KV-cache precision');

const zArchitecture = z.object({
  layers: count('the number of layers', 1_000),
  heads: count('the number of attention heads', 1_024),
  kvHeads: count('the number of KV heads', 1_024),
  headDim: count('the head dimension', 4_096),
  slidingWindow: z
    .object({
      window: count('the sliding window', 10_000_000),
      pattern: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('all-layers') }),
        z.object({
          kind: z.literal('interleaved'),
          localLayersPerGlobalLayer: count('local layers per global layer', 1_000),
          firstLayer: z.enum(['local', 'global']).optional(),
        }),
      ]),
    })
    .optional(),
});

/** A catalogue model, or a custom one (its architecture, when given, sizes the KV cache). */
export const zModelRef = z.union(
  [
    z.object({ catalogId: oneOf(modelIds, 'a model') }).strict(),
    z
      .object({
        custom: z.object({
          name: zCandidateName,
          params: positive('The parameter count', '3.8e9'),
          architecture: zArchitecture.optional(),
        }),
      })
      .strict(),
  ],
  { error: 'Choose a model from the catalogue, or describe a custom one with its parameter count.' },
);

const zApiSpec = z
  .object({
    deployment: z.literal('API'),
    priceId: oneOf(apiPrices.map((p) => p.id) as ApiPriceId[], 'an API price').optional(),
    usdPerMillionInputTokens: nonNegative('The input price per million tokens', '0.25').optional(),
    usdPerMillionOutputTokens: nonNegative('The output price per million tokens', '1.25').optional(),
    usdPerRequest: nonNegative('The fee per request', '0.001').optional(),
    ttftSeconds: nonNegative('The time to first token in seconds', '0.4').optional(),
    outputTokensPerSecond: positive('The output speed in tokens per second', '80').optional(),
    jurisdiction: zJurisdiction.optional(),
  })
  .superRefine((spec, ctx) => {
    const custom = spec.usdPerMillionInputTokens !== undefined || spec.usdPerMillionOutputTokens !== undefined;
    if (spec.priceId === undefined && spec.usdPerRequest === undefined && !custom) {
      ctx.addIssue({
        code: 'custom',
        path: ['priceId'],
        message: 'Choose a price from the catalogue, or enter your own prices per million tokens.',
      });
    }
    if (custom && (spec.usdPerMillionInputTokens === undefined) !== (spec.usdPerMillionOutputTokens === undefined)) {
      const missing =
        spec.usdPerMillionInputTokens === undefined ? 'usdPerMillionInputTokens' : 'usdPerMillionOutputTokens';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'Enter both the input and the output price.' });
    }
  });

const zGpuHardware = z
  .object({
    gpu: z.object({
      deviceId: zDeviceId,
      gpuPriceId: oneOf(
        cloudGpuPrices.map((p) => p.id),
        'a GPU price',
      ).optional(),
      usdPerHour: nonNegative('The price per GPU-hour', '0.8').optional(),
      mfu: share('The model FLOPs utilisation').optional(),
      mbu: share('The memory bandwidth utilisation').optional(),
      peakFlops: positive('The peak FLOP/s', '1.2e14').optional(),
    }),
  })
  .strict();

const zCpuHardware = z
  .object({
    cpu: z.object({
      usdPerVcpuHour: nonNegative('The price per vCPU-hour', '0.04'),
      vcpuSecondsPerRequest: positive('The vCPU-seconds per request', '0.02'),
    }),
  })
  .strict();

const zSelfHostedSpec = z.object({
  deployment: z.literal('SELF_HOSTED'),
  runsIn: z.enum(['OWN_CLOUD', 'ON_PREM'], { error: 'Choose where it runs: OWN_CLOUD or ON_PREM.' }),
  model: zModelRef,
  format: zFormat,
  kvFormat: zKvFormat.optional(),
  hardware: z.union([zGpuHardware, zCpuHardware], { error: 'Choose GPU or CPU hardware.' }),
  replicas: count('the number of replicas', 100_000).optional(),
  maxConcurrency: count('the sequences served at once', 4_096).optional(),
  jurisdiction: zJurisdiction.optional(),
});

const zOnDeviceSpec = z.object({
  deployment: z.literal('ON_DEVICE'),
  model: zModelRef,
  format: zFormat,
  kvFormat: zKvFormat.optional(),
  deviceId: zDeviceId,
  fixedMonthlyUsd: nonNegative('The fixed monthly cost', '200').optional(),
  mbu: share('The memory bandwidth utilisation').optional(),
  mfu: share('The model FLOPs utilisation').optional(),
  peakFlops: positive('The peak FLOP/s', '2e12').optional(),
});

/** How a non-cascade candidate is deployed; the shape of `CandidateSpec` in @rightsize/core. */
export const ZCandidateSpec = z.discriminatedUnion('deployment', [zApiSpec, zSelfHostedSpec, zOnDeviceSpec], {
  error: 'Choose how it is deployed: API, SELF_HOSTED or ON_DEVICE.',
});
export type TCandidateSpec = z.infer<typeof ZCandidateSpec>;

const NON_CASCADE_KINDS = CANDIDATE_KINDS.filter((kind) => kind !== 'CASCADE') as Exclude<
  (typeof CANDIDATE_KINDS)[number],
  'CASCADE'
>[];

export const zEscalationRate = z
  .number({ error: 'Enter the share of requests escalated, like 0.15 for 15 %.' })
  .min(0, 'The escalation share cannot be negative.')
  .max(1, 'The escalation share is a fraction of at most 1 (100 %).');

const target = ZTeamScope.extend({ taskId: zId });

/** A model with its deployment, or a cascade of two candidates of the same task. */
export const ZCandidateCreate = z.discriminatedUnion(
  'kind',
  [
    target.extend({
      kind: z.enum(NON_CASCADE_KINDS as [(typeof NON_CASCADE_KINDS)[number], ...(typeof NON_CASCADE_KINDS)[number][]]),
      name: zCandidateName,
      notes: zNotes.default(''),
      spec: ZCandidateSpec,
    }),
    target.extend({
      kind: z.literal('CASCADE'),
      name: zCandidateName,
      notes: zNotes.default(''),
      smallCandidateId: zId,
      largeCandidateId: zId,
      escalationRate: zEscalationRate,
    }),
  ],
  { error: `Choose the kind of candidate: ${CANDIDATE_KINDS.join(', ')}.` },
);
export type TCandidateCreate = z.infer<typeof ZCandidateCreate>;

export const ZCandidateFind = target.extend({ includeArchived: zIncludeArchived });
export type TCandidateFind = z.infer<typeof ZCandidateFind>;

export const ZCandidateGet = ZTeamScope.extend({ candidateId: zId });
export type TCandidateGet = z.infer<typeof ZCandidateGet>;

/**
 * A partial patch. `spec` replaces the whole deployment (non-cascades); the cascade fields apply to
 * cascades only (the service refuses the mismatch, naming the field).
 */
export const ZCandidateUpdate = ZTeamScope.extend({
  candidateId: zId,
  version: zVersion,
  name: zCandidateName.optional(),
  notes: zNotes.optional(),
  spec: ZCandidateSpec.optional(),
  smallCandidateId: zId.optional(),
  largeCandidateId: zId.optional(),
  escalationRate: zEscalationRate.optional(),
});
export type TCandidateUpdate = z.infer<typeof ZCandidateUpdate>;

export const ZCandidateArchive = ZTeamScope.extend({ candidateId: zId, version: zVersion });
export type TCandidateArchive = z.infer<typeof ZCandidateArchive>;

export const ZComparisonGet = target;
export type TComparisonGet = z.infer<typeof ZComparisonGet>;

/** A file's name as uploaded; only shown, never used as a path. */
const zFileName = z
  .string({ error: 'Give the file name, like "results.json".' })
  .trim()
  .min(1, 'Give the file name, like "results.json".')
  .max(EVAL_FILE_NAME_MAX_LENGTH, `Shorten the file name to at most ${EVAL_FILE_NAME_MAX_LENGTH} characters.`);

/**
 * The file's text. Its size in bytes is checked again by the parser (a character can take up to
 * four bytes); counting characters here refuses the grossly oversized before any parsing.
 */
const zFileContent = z
  .string({ error: "Upload the results file's text." })
  .min(1, 'The file is empty: upload the .json file the eval tool wrote.')
  .max(
    EVAL_FILE_MAX_BYTES,
    `The file is larger than ${EVAL_FILE_MAX_BYTES / 1_000_000} MB: export fewer results or drop the responses' text.`,
  );

/**
 * Which candidate each subject of the file (a promptfoo provider, an lm-eval model) measures, by
 * the subject's `key`; null leaves a subject out.
 */
export const zEvalMapping = z
  .record(
    z.string().min(1, 'A subject key cannot be empty.').max(2_000, 'A subject key has at most 2,000 characters.'),
    zId.nullable(),
    { error: 'Map each subject key of the file to a candidate id, or to null to leave it out.' },
  )
  .refine((mapping) => Object.keys(mapping).length <= EVAL_MAPPING_MAX_SUBJECTS, {
    message: `Map at most ${EVAL_MAPPING_MAX_SUBJECTS} subjects.`,
  });

/**
 * An eval results file for a task. Without `mapping` the file is parsed and previewed (nothing is
 * written); with it, the run is recorded and each mapped candidate's measured figures are set.
 */
export const ZEvalImport = target.extend({
  fileName: zFileName,
  content: zFileContent,
  mapping: zEvalMapping.optional(),
});
export type TEvalImport = z.infer<typeof ZEvalImport>;
