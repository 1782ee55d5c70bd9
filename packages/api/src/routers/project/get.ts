import { ZProjectGet } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { getProject } from '../../services/project.ts';

export const get = teamProcedure('VIEWER')
  .input(ZProjectGet)
  .query(({ ctx, input }) => getProject({ db: ctx.db, input }));
