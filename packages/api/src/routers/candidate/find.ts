import { ZCandidateFind } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { findCandidates } from '../../services/candidate.ts';

export const find = teamProcedure('VIEWER')
  .input(ZCandidateFind)
  .query(({ ctx, input }) => findCandidates({ db: ctx.db, input }));
