import { ZComparisonGet } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { getComparison } from '../../services/comparison.ts';

export const get = teamProcedure('VIEWER')
  .input(ZComparisonGet)
  .query(({ ctx, input }) => getComparison({ db: ctx.db, input }));
