import { z } from 'zod';
import { zCapacities, zEmail, zId, zRole, zVersion } from './common.ts';

export const zTeamName = z
  .string({ error: 'Enter a team name.' })
  .trim()
  .min(1, 'Enter a team name.')
  .max(100, 'Use at most 100 characters.');

/** An invitation link's secret: 32 random bytes in lower-case base32 (52 characters). */
export const zInvitationToken = z
  .string({ error: 'Not a valid invitation link.' })
  .regex(/^[a-z2-7]{52}$/, 'Not a valid invitation link.');

/** Every team-scoped call names its team; membership and role are checked against it. */
export const ZTeamScope = z.object({ teamId: zId });
export type TTeamScope = z.infer<typeof ZTeamScope>;

export const ZTeamCreate = z.object({ name: zTeamName });
export type TTeamCreate = z.infer<typeof ZTeamCreate>;

export const ZTeamInvite = ZTeamScope.extend({ email: zEmail, role: zRole, capacities: zCapacities.default([]) });
export type TTeamInvite = z.infer<typeof ZTeamInvite>;

export const ZInvitationLookup = z.object({ token: zInvitationToken });
export type TInvitationLookup = z.infer<typeof ZInvitationLookup>;

export const ZAcceptInvite = ZInvitationLookup;
export type TAcceptInvite = z.infer<typeof ZAcceptInvite>;

export const ZRevokeInvite = ZTeamScope.extend({ invitationId: zId });
export type TRevokeInvite = z.infer<typeof ZRevokeInvite>;

export const ZSetRole = ZTeamScope.extend({ userId: zId, role: zRole, capacities: zCapacities, version: zVersion });
export type TSetRole = z.infer<typeof ZSetRole>;

export const ZRemoveMember = ZTeamScope.extend({ userId: zId });
export type TRemoveMember = z.infer<typeof ZRemoveMember>;
