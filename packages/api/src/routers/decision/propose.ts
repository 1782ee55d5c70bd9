import { ZDecisionTransition } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { proposeDecision } from '../../services/decision.ts';

export const propose = teamProcedure('EDITOR')
  .input(ZDecisionTransition)
  .mutation(({ ctx, input }) =>
    proposeDecision({
      db: ctx.db,
      actor: auditActorOf(ctx),
      input,
      retry: { onRetry: (attempt) => ctx.onSerializableRetry?.(attempt) },
    }),
  );
