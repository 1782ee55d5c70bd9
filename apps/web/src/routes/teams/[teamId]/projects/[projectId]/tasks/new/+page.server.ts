import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { taskFieldsFromForm, postedTaskValues } from '#lib/forms/task-form.ts';
import { api } from '#lib/server/api.ts';
import { failure, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const { teamId, projectId } = event.params;
  const project = await orNotFound(api(event).project.get({ teamId, projectId }), 'Project');
  return { project: { id: project.id, name: project.name, archivedAt: project.archivedAt } };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const { teamId, projectId } = event.params;
    let taskId: string;
    try {
      ({ id: taskId } = await api(event).task.create(unvalidated({ teamId, projectId, ...taskFieldsFromForm(data) })));
    } catch (caught) {
      return failure(event, caught, { values: postedTaskValues(data) });
    }
    redirect(303, `/teams/${teamId}/tasks/${taskId}`);
  },
};
