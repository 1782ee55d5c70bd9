import { authedProcedure } from '../../procedures.ts';
import { getMe } from '../../services/auth.ts';

export const me = authedProcedure.query(({ ctx }) => getMe({ db: ctx.db, userId: ctx.auth.user.id }));
