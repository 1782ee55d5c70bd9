import { ZProjectCreate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { createProject } from '../../services/project.ts';

export const create = teamProcedure('EDITOR')
  .input(ZProjectCreate)
  .mutation(({ ctx, input }) => createProject({ db: ctx.db, actor: auditActorOf(ctx), input }));
