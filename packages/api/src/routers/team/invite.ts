import { ZTeamInvite } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { inviteMember } from '../../services/team.ts';

export const invite = teamProcedure('ADMIN')
  .input(ZTeamInvite)
  .mutation(({ ctx, input }) =>
    inviteMember({
      db: ctx.db,
      now: ctx.now(),
      actorId: ctx.auth.user.id,
      requestId: ctx.requestId,
      origin: ctx.origin,
      input,
    }),
  );
