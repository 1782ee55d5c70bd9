import { ZChangePassword } from '@rightsize/validators';
import { authedProcedure } from '../../procedures.ts';
import { changePassword as changePasswordService } from '../../services/auth.ts';

export const changePassword = authedProcedure.input(ZChangePassword).mutation(({ ctx, input }) =>
  changePasswordService({
    db: ctx.db,
    now: ctx.now(),
    userId: ctx.auth.user.id,
    sessionId: ctx.auth.sessionId,
    input,
  }),
);
