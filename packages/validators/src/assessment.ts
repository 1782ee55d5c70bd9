import { z } from 'zod';
import { zId, zVersion } from './common.ts';
import {
  EVIDENCE_BODY_MAX_LENGTH,
  EVIDENCE_KINDS,
  EVIDENCE_SOURCE_MAX_LENGTH,
  EVIDENCE_TITLE_MAX_LENGTH,
  EVIDENCE_URL_MAX_LENGTH,
  METRIC_UNIT_MAX_LENGTH,
  RATIONALE_MAX_LENGTH,
  SMALL_LETTERS,
  SMALL_LETTER_NAMES,
  VERDICTS,
} from './constants.ts';
import { ZTeamScope } from './team.ts';

const grouped = (n: number) => n.toLocaleString('en');

export const zSmallLetter = z.enum(SMALL_LETTERS, {
  error: `Choose a SMALL letter: ${SMALL_LETTERS.map((letter) => `${letter} (${SMALL_LETTER_NAMES[letter]})`).join(', ')}.`,
});

export const zVerdict = z.enum(VERDICTS, { error: `Choose a verdict: ${VERDICTS.join(', ')}.` });

export const zRationale = z
  .string({ error: 'The rationale must be text.' })
  .trim()
  .max(RATIONALE_MAX_LENGTH, `Shorten the rationale to at most ${grouped(RATIONALE_MAX_LENGTH)} characters.`);

export const ZAssessmentGet = ZTeamScope.extend({ taskId: zId });
export type TAssessmentGet = z.infer<typeof ZAssessmentGet>;

/** Sets one letter's verdict and rationale; `version` is the letter's, as loaded. */
export const ZSetLetter = ZTeamScope.extend({
  taskId: zId,
  letter: zSmallLetter,
  verdict: zVerdict,
  rationale: zRationale.default(''),
  version: zVersion,
});
export type TSetLetter = z.infer<typeof ZSetLetter>;

const zTitle = z
  .string({ error: 'Give the evidence a title.' })
  .trim()
  .min(1, 'Give the evidence a title.')
  .max(EVIDENCE_TITLE_MAX_LENGTH, `Shorten the title to at most ${EVIDENCE_TITLE_MAX_LENGTH} characters.`);

/** Web links only: other schemes (javascript:, data:, file:) are refused. */
const zUrl = z
  .string({ error: 'Enter a web address starting with http:// or https://.' })
  .trim()
  .max(EVIDENCE_URL_MAX_LENGTH, `Use a web address of at most ${grouped(EVIDENCE_URL_MAX_LENGTH)} characters.`)
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'Enter a web address starting with http:// or https://, like https://example.com/report.',
    }),
  );

const zBody = z
  .string({ error: 'Write the note (Markdown).' })
  .max(EVIDENCE_BODY_MAX_LENGTH, `Shorten the note to at most ${grouped(EVIDENCE_BODY_MAX_LENGTH)} characters.`)
  .refine((body) => body.trim().length > 0, 'Write the note (Markdown).');

const zMetricName = z
  .string({ error: 'Name the metric, like "field-level exact match".' })
  .trim()
  .min(1, 'Name the metric, like "field-level exact match".')
  .max(EVIDENCE_TITLE_MAX_LENGTH, `Shorten the metric name to at most ${EVIDENCE_TITLE_MAX_LENGTH} characters.`);

const zMetricValue = z.number({ error: 'Enter the measured value as a number, like 0.97.' });

const zMetricUnit = z
  .string({ error: 'Give the unit, like %, ms or USD per month.' })
  .trim()
  .min(1, 'Give the unit, like %, ms or USD per month.')
  .max(METRIC_UNIT_MAX_LENGTH, `Shorten the unit to at most ${METRIC_UNIT_MAX_LENGTH} characters.`);

const zSampleSize = z
  .int({ error: 'Enter the sample size as a whole number, like 2000.' })
  .min(1, 'The sample size must be at least 1; leave it empty if unknown.')
  .max(2_147_483_647, 'Enter a sample size of at most 2,147,483,647.');

const zMeasuredOn = z.iso.date({ error: 'Enter the date it was measured as YYYY-MM-DD, like 2026-03-01.' });

const zSource = z
  .string({ error: 'The source must be text.' })
  .trim()
  .max(EVIDENCE_SOURCE_MAX_LENGTH, `Shorten the source to at most ${EVIDENCE_SOURCE_MAX_LENGTH} characters.`);

const evidenceTarget = ZTeamScope.extend({ taskId: zId, letter: zSmallLetter });

/** A link, a Markdown note, or a measured metric, backing one letter of a task's assessment. */
export const ZEvidenceAdd = z.discriminatedUnion(
  'kind',
  [
    evidenceTarget.extend({ kind: z.literal('LINK'), title: zTitle, url: zUrl }),
    evidenceTarget.extend({ kind: z.literal('NOTE'), title: zTitle, body: zBody }),
    evidenceTarget.extend({
      kind: z.literal('METRIC'),
      /** Defaults to the metric's name. */
      title: zTitle.optional(),
      metricName: zMetricName,
      metricValue: zMetricValue,
      metricUnit: zMetricUnit,
      sampleSize: zSampleSize.optional(),
      measuredOn: zMeasuredOn.optional(),
      source: zSource.optional(),
    }),
  ],
  { error: `Choose the kind of evidence: ${EVIDENCE_KINDS.join(', ')}.` },
);
export type TEvidenceAdd = z.infer<typeof ZEvidenceAdd>;

export const ZEvidenceRemove = ZTeamScope.extend({ evidenceId: zId });
export type TEvidenceRemove = z.infer<typeof ZEvidenceRemove>;
