// Decisions (architecture decision records), their sign-off, and the team's sign-off policy.
import { z } from 'zod';
import { zCapacities, zId, zVersion } from './common.ts';
import {
  CAPACITIES,
  DECISION_STATUSES,
  DECISION_TEXT_MAX_LENGTH,
  DECISION_TITLE_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  SIGN_OFF_COMMENT_MAX_LENGTH,
  SIGN_OFF_VERDICTS,
} from './constants.ts';
import { ZTeamScope } from './team.ts';

const grouped = (n: number) => n.toLocaleString('en');

export const zDecisionTitle = z
  .string({ error: 'Give the decision a title, like "Read receipts on the phone".' })
  .trim()
  .min(1, 'Give the decision a title, like "Read receipts on the phone".')
  .max(DECISION_TITLE_MAX_LENGTH, `Shorten the title to at most ${DECISION_TITLE_MAX_LENGTH} characters.`);

const zDecisionText = (what: string) =>
  z
    .string({ error: `The ${what} must be text.` })
    .trim()
    .max(DECISION_TEXT_MAX_LENGTH, `Shorten the ${what} to at most ${grouped(DECISION_TEXT_MAX_LENGTH)} characters.`);

export const zDecisionStatus = z.enum(DECISION_STATUSES, {
  error: `Choose a status from ${DECISION_STATUSES.join(', ')}.`,
});

const zCapacity = z.enum(CAPACITIES, { error: `Choose a capacity from ${CAPACITIES.join(', ')}.` });

/** A SHA-256 digest as 64 hexadecimal digits (read case-insensitively, kept lower-case). */
export const zSha256Hex = z
  .string({ error: 'Not a SHA-256 digest.' })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 digest: expected 64 hexadecimal digits.');

/**
 * A new draft for a task. With `fromDecisionId` ("open a new decision from today's figures") the
 * title, context, consequences and chosen candidate not given here are copied from that decision,
 * which must be of the same task; without it the title is required (the service says so).
 */
export const ZDecisionCreate = ZTeamScope.extend({
  taskId: zId,
  title: zDecisionTitle.optional(),
  context: zDecisionText('context').optional(),
  consequences: zDecisionText('consequences').optional(),
  chosenCandidateId: zId.nullable().optional(),
  fromDecisionId: zId.optional(),
});
export type TDecisionCreate = z.infer<typeof ZDecisionCreate>;

/** A team's decisions, newest first; of one task, or in one status, when given. */
export const ZDecisionFind = ZTeamScope.extend({ taskId: zId.optional(), status: zDecisionStatus.optional() });
export type TDecisionFind = z.infer<typeof ZDecisionFind>;

export const ZDecisionGet = ZTeamScope.extend({ decisionId: zId });
export type TDecisionGet = z.infer<typeof ZDecisionGet>;

/** A partial patch of a DRAFT's content at the caller's version. */
export const ZDecisionUpdate = ZTeamScope.extend({
  decisionId: zId,
  version: zVersion,
  title: zDecisionTitle.optional(),
  context: zDecisionText('context').optional(),
  consequences: zDecisionText('consequences').optional(),
  chosenCandidateId: zId.nullable().optional(),
});
export type TDecisionUpdate = z.infer<typeof ZDecisionUpdate>;

/** Propose (freeze the snapshot) or withdraw (back to DRAFT), at the caller's version. */
export const ZDecisionTransition = ZTeamScope.extend({ decisionId: zId, version: zVersion });
export type TDecisionTransition = z.infer<typeof ZDecisionTransition>;

/**
 * One verdict in one capacity, against the snapshot hash the signer was shown, with their password
 * re-entered. A rejection needs a comment saying why.
 */
export const ZDecisionSignOff = ZTeamScope.extend({
  decisionId: zId,
  capacity: zCapacity,
  verdict: z.enum(SIGN_OFF_VERDICTS, { error: 'Choose APPROVE or REJECT.' }),
  comment: z
    .string({ error: 'The comment must be text.' })
    .trim()
    .max(
      SIGN_OFF_COMMENT_MAX_LENGTH,
      `Shorten the comment to at most ${grouped(SIGN_OFF_COMMENT_MAX_LENGTH)} characters.`,
    )
    .default(''),
  snapshotSha256: zSha256Hex,
  password: z
    .string({ error: 'Enter your password to sign.' })
    .min(1, 'Enter your password to sign.')
    .max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`),
}).superRefine((value, ctx) => {
  if (value.verdict === 'REJECT' && value.comment === '') {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say why you reject it: the comment is required.' });
  }
});
export type TDecisionSignOff = z.infer<typeof ZDecisionSignOff>;

export const ZDecisionExport = ZDecisionGet;
export type TDecisionExport = TDecisionGet;

/** The capacities that must approve; at least one. */
export const ZPolicySet = ZTeamScope.extend({
  requiredCapacities: zCapacities.refine((list) => list.length > 0, 'Choose at least one capacity that must approve.'),
  version: zVersion,
});
export type TPolicySet = z.infer<typeof ZPolicySet>;
