import { ZRevokeInvite } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { revokeInvitation } from '../../services/team.ts';

export const revokeInvite = teamProcedure('ADMIN')
  .input(ZRevokeInvite)
  .mutation(({ ctx, input }) =>
    revokeInvitation({
      db: ctx.db,
      actorId: ctx.auth.user.id,
      requestId: ctx.requestId,
      now: ctx.now(),
      teamId: input.teamId,
      invitationId: input.invitationId,
    }),
  );
