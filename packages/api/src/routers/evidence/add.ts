import { ZEvidenceAdd } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { addEvidence } from '../../services/assessment.ts';

export const add = teamProcedure('EDITOR')
  .input(ZEvidenceAdd)
  .mutation(({ ctx, input }) => addEvidence({ db: ctx.db, actor: auditActorOf(ctx), input }));
