import { ZAuditVerify } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { verifyChain } from '../../services/audit.ts';

/** Recomputes the team's hash chain and names the first event where it does not hold. */
export const verify = teamProcedure('VIEWER')
  .input(ZAuditVerify)
  .query(({ ctx, input }) => verifyChain({ db: ctx.db, teamId: input.teamId }));
