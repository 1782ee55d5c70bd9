import { ZInvitationLookup } from '@rightsize/validators';
import { publicProcedure } from '../../procedures.ts';
import { previewInvitation } from '../../services/team.ts';

/** Public: whoever holds the link (256 random bits) may see what it offers before signing in. */
export const invitation = publicProcedure
  .input(ZInvitationLookup)
  .query(({ ctx, input }) => previewInvitation({ db: ctx.db, now: ctx.now(), token: input.token }));
