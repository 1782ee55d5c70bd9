import { ZEvalImport } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { evalImport } from '../../services/eval-import.ts';

/** Without `mapping`: a preview of the file (nothing written). With it: the import. */
export const importLmEval = teamProcedure('EDITOR')
  .input(ZEvalImport)
  .mutation(({ ctx, input }) => evalImport({ db: ctx.db, actor: auditActorOf(ctx), tool: 'lm-eval', input }));
