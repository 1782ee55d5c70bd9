import { ZCandidateCreate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { createCandidate } from '../../services/candidate.ts';

export const create = teamProcedure('EDITOR')
  .input(ZCandidateCreate)
  .mutation(({ ctx, input }) => createCandidate({ db: ctx.db, actor: auditActorOf(ctx), input }));
