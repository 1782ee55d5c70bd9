import { ZDecisionExport } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { exportDecisionMarkdown } from '../../services/decision-export.ts';

export const exportMarkdown = teamProcedure('VIEWER')
  .input(ZDecisionExport)
  .query(({ ctx, input }) => exportDecisionMarkdown({ db: ctx.db, input }));
