import { ZDecisionTransition } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { withdrawDecision } from '../../services/decision.ts';

export const withdraw = teamProcedure('EDITOR')
  .input(ZDecisionTransition)
  .mutation(({ ctx, input }) => withdrawDecision({ db: ctx.db, actor: auditActorOf(ctx), input }));
