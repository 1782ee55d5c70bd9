import { ZDecisionSignOff } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { signOffDecision } from '../../services/decision.ts';

// Any member may call it: whether they can sign depends on the capacities they hold, which the
// service checks (a VIEWER with FINANCE signs as FINANCE, an OWNER without capacities cannot).
export const signOff = teamProcedure('VIEWER')
  .input(ZDecisionSignOff)
  .mutation(({ ctx, input }) =>
    signOffDecision({
      db: ctx.db,
      actor: auditActorOf(ctx),
      input,
      clientAddress: ctx.clientAddress,
      retry: { onRetry: (attempt) => ctx.onSerializableRetry?.(attempt) },
    }),
  );
