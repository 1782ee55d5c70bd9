import { ZTaskGet } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { getTask } from '../../services/task.ts';

export const get = teamProcedure('VIEWER')
  .input(ZTaskGet)
  .query(({ ctx, input }) => getTask({ db: ctx.db, input }));
