import { ZTaskArchive } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { archiveTask } from '../../services/task.ts';

export const archive = teamProcedure('EDITOR')
  .input(ZTaskArchive)
  .mutation(({ ctx, input }) => archiveTask({ db: ctx.db, actor: auditActorOf(ctx), input }));
