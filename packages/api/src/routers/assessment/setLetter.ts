import { ZSetLetter } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { setLetter as setLetterService } from '../../services/assessment.ts';

export const setLetter = teamProcedure('EDITOR')
  .input(ZSetLetter)
  .mutation(({ ctx, input }) => setLetterService({ db: ctx.db, actor: auditActorOf(ctx), input }));
