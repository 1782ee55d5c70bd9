import { ZTaskUpdate } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { updateTask } from '../../services/task.ts';

export const update = teamProcedure('EDITOR')
  .input(ZTaskUpdate)
  .mutation(({ ctx, input }) => updateTask({ db: ctx.db, actor: auditActorOf(ctx), input }));
