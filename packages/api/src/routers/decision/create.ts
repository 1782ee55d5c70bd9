import { ZDecisionCreate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { createDecision } from '../../services/decision.ts';

export const create = teamProcedure('EDITOR')
  .input(ZDecisionCreate)
  .mutation(({ ctx, input }) => createDecision({ db: ctx.db, actor: auditActorOf(ctx), input }));
