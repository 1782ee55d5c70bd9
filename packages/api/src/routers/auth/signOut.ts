import { authedProcedure } from '../../procedures.ts';
import { signOut as signOutService } from '../../services/auth.ts';

export const signOut = authedProcedure.mutation(async ({ ctx }) => {
  await signOutService({ db: ctx.db, sessionId: ctx.auth.sessionId });
  ctx.sessionCookie.clear();
  return { signedOut: true };
});
