import { ZSignIn } from '@rightsize/validators';
import { publicProcedure } from '../../procedures.ts';
import { signIn as signInService } from '../../services/auth.ts';

export const signIn = publicProcedure.input(ZSignIn).mutation(async ({ ctx, input }) => {
  const issued = await signInService({
    db: ctx.db,
    now: ctx.now(),
    input,
    clientAddress: ctx.clientAddress,
    replacesSessionId: ctx.auth?.sessionId,
  });
  ctx.sessionCookie.set(issued.token, issued.expiresAt);
  return { user: issued.user };
});
