import { teamProcedure } from '../../procedures.ts';
import { getTeam } from '../../services/team.ts';

export const get = teamProcedure('VIEWER').query(({ ctx, input }) =>
  getTeam({ db: ctx.db, teamId: input.teamId, membership: ctx.membership }),
);
