import { ZDecisionUpdate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { updateDecision } from '../../services/decision.ts';

export const update = teamProcedure('EDITOR')
  .input(ZDecisionUpdate)
  .mutation(({ ctx, input }) => updateDecision({ db: ctx.db, actor: auditActorOf(ctx), input }));
