import { ZCandidateArchive } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { archiveCandidate } from '../../services/candidate.ts';

export const archive = teamProcedure('EDITOR')
  .input(ZCandidateArchive)
  .mutation(({ ctx, input }) => archiveCandidate({ db: ctx.db, actor: auditActorOf(ctx), input }));
