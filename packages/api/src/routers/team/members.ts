import { teamProcedure } from '../../procedures.ts';
import { listMembers } from '../../services/team.ts';

export const members = teamProcedure('VIEWER').query(({ ctx, input }) =>
  listMembers({ db: ctx.db, teamId: input.teamId }),
);
