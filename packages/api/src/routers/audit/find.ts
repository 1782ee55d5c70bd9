import { ZAuditFind } from '@rightsize/validators';
import { teamProcedure } from '../../procedures.ts';
import { findAuditEvents } from '../../services/audit.ts';

/** One page of the team's audit trail, newest first; `nextCursor` fetches the next, older one. */
export const find = teamProcedure('VIEWER')
  .input(ZAuditFind)
  .query(({ ctx, input: { teamId, cursor, limit, ...filter } }) =>
    findAuditEvents({ db: ctx.db, teamId, filter, cursor, limit }),
  );
