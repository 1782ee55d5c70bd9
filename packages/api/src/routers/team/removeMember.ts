import { ZRemoveMember } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { removeMember as removeMemberService } from '../../services/team.ts';

/** Any member may remove themselves (leave); removing someone else needs ADMIN, checked in the service. */
export const removeMember = teamProcedure('VIEWER')
  .input(ZRemoveMember)
  .mutation(({ ctx, input }) =>
    removeMemberService({
      db: ctx.db,
      actorId: ctx.auth.user.id,
      requestId: ctx.requestId,
      now: ctx.now(),
      teamId: input.teamId,
      userId: input.userId,
    }),
  );
