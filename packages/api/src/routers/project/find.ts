import { ZProjectFind } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { findProjects } from '../../services/project.ts';

export const find = teamProcedure('VIEWER')
  .input(ZProjectFind)
  .query(({ ctx, input }) => findProjects({ db: ctx.db, input }));
