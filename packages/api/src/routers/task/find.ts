import { ZTaskFind } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { findTasks } from '../../services/task.ts';

export const find = teamProcedure('VIEWER')
  .input(ZTaskFind)
  .query(({ ctx, input }) => findTasks({ db: ctx.db, input }));
