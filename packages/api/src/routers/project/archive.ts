import { ZProjectArchive } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { archiveProject } from '../../services/project.ts';

export const archive = teamProcedure('EDITOR')
  .input(ZProjectArchive)
  .mutation(({ ctx, input }) => archiveProject({ db: ctx.db, actor: auditActorOf(ctx), input }));
