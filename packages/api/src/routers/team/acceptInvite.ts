import { ZAcceptInvite } from '@rightsize/validators';
import { authedProcedure } from '../../procedures.ts';
import { acceptInvitation } from '../../services/team.ts';

/** Not team-scoped: the caller is not a member until this succeeds; the token names the team. */
export const acceptInvite = authedProcedure
  .input(ZAcceptInvite)
  .mutation(({ ctx, input }) =>
    acceptInvitation({ db: ctx.db, now: ctx.now(), requestId: ctx.requestId, user: ctx.auth.user, token: input.token }),
  );
