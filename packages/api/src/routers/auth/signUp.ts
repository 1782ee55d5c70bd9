import { ZSignUp } from '@rightsize/validators';
import { publicProcedure } from '../../procedures.ts';
import { signUp as signUpService } from '../../services/auth.ts';

export const signUp = publicProcedure.input(ZSignUp).mutation(async ({ ctx, input }) => {
  const issued = await signUpService({ db: ctx.db, now: ctx.now(), input, replacesSessionId: ctx.auth?.sessionId });
  ctx.sessionCookie.set(issued.token, issued.expiresAt);
  return { user: issued.user };
});
