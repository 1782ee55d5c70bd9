import { ZCandidateUpdate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { updateCandidate } from '../../services/candidate.ts';

export const update = teamProcedure('EDITOR')
  .input(ZCandidateUpdate)
  .mutation(({ ctx, input }) => updateCandidate({ db: ctx.db, actor: auditActorOf(ctx), input }));
