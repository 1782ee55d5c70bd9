import { router } from '../../trpc.ts';
import { acceptInvite } from './acceptInvite.ts';
import { create } from './create.ts';
import { get } from './get.ts';
import { getPolicy } from './getPolicy.ts';
import { invitation } from './invitation.ts';
import { invitations } from './invitations.ts';
import { invite } from './invite.ts';
import { list } from './list.ts';
import { members } from './members.ts';
import { removeMember } from './removeMember.ts';
import { revokeInvite } from './revokeInvite.ts';
import { setPolicy } from './setPolicy.ts';
import { setRole } from './setRole.ts';

export const teamRouter = router({
  create,
  list,
  get,
  members,
  invitations,
  invite,
  invitation,
  acceptInvite,
  revokeInvite,
  setRole,
  removeMember,
  getPolicy,
  setPolicy,
});
