// The procedure builders every router uses. A procedure that touches a team goes through
// `teamProcedure(minimum)`: it reads `teamId` from the input, loads the caller's membership, and
// answers NOT_FOUND when there is none (a team you are not in does not exist for you) and
// FORBIDDEN when the role is below `minimum`. Services re-check inside their transaction where a
// concurrent change could matter.
import { roleAtLeast, ZTeamScope, type TRole } from '@rightsize/validators';
import type { Capacity, Role } from '@rightsize/db';
import { AppError } from './errors.ts';
import { publicProcedure } from './trpc.ts';

export { publicProcedure };

/** Signed-in callers only; narrows `ctx.auth` to non-null. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return next({ ctx: { auth: ctx.auth } });
});

export interface TeamMembership {
  teamId: string;
  userId: string;
  role: Role;
  capacities: Capacity[];
}

/** Role names as the validators spell them are the database's enum values. */
const asRole = (role: Role): TRole => role;

export const teamProcedure = (minimum: TRole) =>
  authedProcedure.input(ZTeamScope).use(async ({ ctx, input, next }) => {
    const membership = await ctx.db.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: ctx.auth.user.id } },
      select: { teamId: true, userId: true, role: true, capacities: true },
    });
    if (!membership) throw new AppError('NOT_FOUND', 'Team not found.');
    if (!roleAtLeast(asRole(membership.role), minimum)) {
      throw new AppError(
        'FORBIDDEN',
        `Your role in this team (${membership.role}) cannot do this; it needs ${minimum}${minimum === 'OWNER' ? '' : ' or above'}.`,
      );
    }
    return next({ ctx: { membership: membership satisfies TeamMembership } });
  });
