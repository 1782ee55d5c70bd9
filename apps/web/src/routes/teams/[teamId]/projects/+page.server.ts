import { redirect } from '@sveltejs/kit';
import { roleAtLeast } from '@rightsize/validators';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const teamId = event.params.teamId;
  const includeArchived = event.url.searchParams.get('archived') === '1';
  const [team, projects] = await Promise.all([
    orNotFound(caller.team.get({ teamId }), 'Team'),
    orNotFound(caller.project.find({ teamId, includeArchived }), 'Team'),
  ]);
  return { projects, includeArchived, canEdit: roleAtLeast(team.myRole, 'EDITOR') };
};

export const actions: Actions = {
  create: async (event) => {
    const data = await event.request.formData();
    let projectId: string;
    try {
      ({ id: projectId } = await api(event).project.create({
        teamId: event.params.teamId,
        name: text(data, 'name') ?? '',
        description: text(data, 'description') ?? '',
      }));
    } catch (caught) {
      return failure(event, caught, { values: formValues(data) });
    }
    redirect(303, `/teams/${event.params.teamId}/projects/${projectId}`);
  },
};
