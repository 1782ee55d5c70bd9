import { ZDecisionGet } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { getDecision } from '../../services/decision.ts';

export const get = teamProcedure('VIEWER')
  .input(ZDecisionGet)
  .query(({ ctx, input }) => getDecision({ db: ctx.db, input, membership: ctx.membership, now: ctx.now() }));
