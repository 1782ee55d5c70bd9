import { ZPolicySet } from '@rightsize/validators';
import { auditActorOf } from '../../context.ts';
import { teamProcedure } from '../../procedures.ts';
import { setPolicy as setPolicyService } from '../../services/sign-off-policy.ts';

export const setPolicy = teamProcedure('ADMIN')
  .input(ZPolicySet)
  .mutation(({ ctx, input }) => setPolicyService({ db: ctx.db, actor: auditActorOf(ctx), input }));
