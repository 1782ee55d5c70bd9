import { ZTeamCreate } from '@rightsize/validators';
import { authedProcedure } from '../../procedures.ts';
import { createTeam } from '../../services/team.ts';

export const create = authedProcedure
  .input(ZTeamCreate)
  .mutation(({ ctx, input }) =>
    createTeam({ db: ctx.db, userId: ctx.auth.user.id, name: input.name, requestId: ctx.requestId, now: ctx.now() }),
  );
