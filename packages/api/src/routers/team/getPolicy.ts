import { teamProcedure } from '../../procedures.ts';
import { getPolicy as getPolicyService } from '../../services/sign-off-policy.ts';

export const getPolicy = teamProcedure('VIEWER').query(({ ctx, input }) =>
  getPolicyService({ db: ctx.db, teamId: input.teamId }),
);
