import { redirect } from '@sveltejs/kit';
import { roleAtLeast } from '@rightsize/validators';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, projectId } = event.params;
  const includeArchived = event.url.searchParams.get('archived') === '1';
  const [team, project, tasks] = await Promise.all([
    orNotFound(caller.team.get({ teamId }), 'Team'),
    orNotFound(caller.project.get({ teamId, projectId }), 'Project'),
    orNotFound(caller.task.find({ teamId, projectId, includeArchived }), 'Project'),
  ]);
  return { project, tasks, includeArchived, canEdit: roleAtLeast(team.myRole, 'EDITOR') };
};

export const actions: Actions = {
  update: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).project.update({
        teamId: event.params.teamId,
        projectId: event.params.projectId,
        version: Number(text(data, 'version')),
        name: text(data, 'name') ?? '',
        description: text(data, 'description') ?? '',
      });
      return { form: 'update', saved: true };
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form: 'update' });
    }
  },
  archive: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).project.archive({
        teamId: event.params.teamId,
        projectId: event.params.projectId,
        version: Number(text(data, 'version')),
      });
    } catch (caught) {
      return failure(event, caught, { form: 'archive' });
    }
    redirect(303, `/teams/${event.params.teamId}/projects`);
  },
};
