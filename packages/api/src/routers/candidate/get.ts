import { ZCandidateGet } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { getCandidate } from '../../services/candidate.ts';

export const get = teamProcedure('VIEWER')
  .input(ZCandidateGet)
  .query(({ ctx, input }) => getCandidate({ db: ctx.db, input }));
