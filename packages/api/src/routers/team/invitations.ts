import { teamProcedure } from '../../procedures.ts';
import { listInvitations } from '../../services/team.ts';

/** Pending invitations; admins only, since they name people who are not members yet. */
export const invitations = teamProcedure('ADMIN').query(({ ctx, input }) =>
  listInvitations({ db: ctx.db, teamId: input.teamId, now: ctx.now() }),
);
