import { authedProcedure } from '../../procedures.ts';
import { listTeams } from '../../services/team.ts';

export const list = authedProcedure.query(({ ctx }) => listTeams({ db: ctx.db, userId: ctx.auth.user.id }));
