import { ZEvidenceRemove } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { removeEvidence } from '../../services/assessment.ts';

export const remove = teamProcedure('EDITOR')
  .input(ZEvidenceRemove)
  .mutation(({ ctx, input }) => removeEvidence({ db: ctx.db, actor: auditActorOf(ctx), input }));
