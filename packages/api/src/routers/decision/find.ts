import { ZDecisionFind } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { findDecisions } from '../../services/decision.ts';

export const find = teamProcedure('VIEWER')
  .input(ZDecisionFind)
  .query(({ ctx, input }) => findDecisions({ db: ctx.db, input }));
