import { redirect } from '@sveltejs/kit';
import { roleAtLeast } from '@rightsize/validators';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  const me = requireUser(event);
  const caller = api(event);
  const teamId = event.params.teamId;
  const team = await orNotFound(caller.team.get({ teamId }), 'Team');
  const canManage = roleAtLeast(team.myRole, 'ADMIN');
  const [members, invitations, policy] = await Promise.all([
    caller.team.members({ teamId }),
    canManage ? caller.team.invitations({ teamId }) : Promise.resolve([]),
    caller.team.getPolicy({ teamId }),
  ]);
  return { team, members, invitations, policy, canManage, me };
};

export const actions: Actions = {
  invite: async (event) => {
    const data = await event.request.formData();
    try {
      const invited = await api(event).team.invite(
        unvalidated({
          teamId: event.params.teamId,
          email: text(data, 'email'),
          role: text(data, 'role'),
          capacities: data.getAll('capacities'),
        }),
      );
      return { form: 'invite', invited };
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form: 'invite' });
    }
  },
  setRole: async (event) => {
    const data = await event.request.formData();
    const userId = text(data, 'userId') ?? '';
    try {
      await api(event).team.setRole(
        unvalidated({
          teamId: event.params.teamId,
          userId,
          role: text(data, 'role'),
          capacities: data.getAll('capacities'),
          version: Number(text(data, 'version')),
        }),
      );
      return { form: `member-${userId}`, saved: true };
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form: `member-${userId}` });
    }
  },
  removeMember: async (event) => {
    const data = await event.request.formData();
    const userId = text(data, 'userId') ?? '';
    let left: boolean;
    try {
      ({ left } = await api(event).team.removeMember({ teamId: event.params.teamId, userId }));
    } catch (caught) {
      return failure(event, caught, { form: `member-${userId}` });
    }
    if (left) redirect(303, '/teams');
    return { form: `member-${userId}`, removed: true };
  },
  revokeInvite: async (event) => {
    const data = await event.request.formData();
    const invitationId = text(data, 'invitationId') ?? '';
    try {
      await api(event).team.revokeInvite({ teamId: event.params.teamId, invitationId });
      return { form: `invitation-${invitationId}`, revoked: true };
    } catch (caught) {
      return failure(event, caught, { form: `invitation-${invitationId}` });
    }
  },
  setPolicy: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).team.setPolicy(
        unvalidated({
          teamId: event.params.teamId,
          requiredCapacities: data.getAll('requiredCapacities'),
          version: Number(text(data, 'version')),
        }),
      );
      return { form: 'policy', saved: true };
    } catch (caught) {
      return failure(event, caught, { form: 'policy' });
    }
  },
};
