import { teamProcedure } from '../../procedures.ts';
import { auditFilterOptions } from '../../services/audit.ts';

/** The actions, entity types and actors that occur in the team's trail: the filters' choices. */
export const filters = teamProcedure('VIEWER').query(({ ctx, input }) =>
  auditFilterOptions({ db: ctx.db, teamId: input.teamId }),
);
