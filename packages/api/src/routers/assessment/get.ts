import { ZAssessmentGet } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { getAssessment } from '../../services/assessment.ts';

export const get = teamProcedure('VIEWER')
  .input(ZAssessmentGet)
  .query(({ ctx, input }) => getAssessment({ db: ctx.db, input }));
