import { ZSetRole } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { setMemberRole } from '../../services/team.ts';

export const setRole = teamProcedure('ADMIN')
  .input(ZSetRole)
  .mutation(({ ctx, input }) =>
    setMemberRole({ db: ctx.db, actorId: ctx.auth.user.id, requestId: ctx.requestId, now: ctx.now(), input }),
  );
