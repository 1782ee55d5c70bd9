import { ZProjectUpdate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { updateProject } from '../../services/project.ts';

export const update = teamProcedure('EDITOR')
  .input(ZProjectUpdate)
  .mutation(({ ctx, input }) => updateProject({ db: ctx.db, actor: auditActorOf(ctx), input }));
