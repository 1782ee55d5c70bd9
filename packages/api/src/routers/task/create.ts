import { ZTaskCreate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { createTask } from '../../services/task.ts';

export const create = teamProcedure('EDITOR')
  .input(ZTaskCreate)
  .mutation(({ ctx, input }) => createTask({ db: ctx.db, actor: auditActorOf(ctx), input }));
