import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { postedTaskValues, taskFieldsFromForm, taskFormValues } from '#lib/forms/task-form.ts';
import { api } from '#lib/server/api.ts';
import { failure, text, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const { teamId, taskId } = event.params;
  const task = await orNotFound(api(event).task.get({ teamId, taskId }), 'Task');
  return {
    task: { id: task.id, name: task.name, version: task.version, project: task.project },
    values: taskFormValues(task),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const { teamId, taskId } = event.params;
    try {
      await api(event).task.update(
        unvalidated({ teamId, taskId, version: Number(text(data, 'version')), ...taskFieldsFromForm(data) }),
      );
    } catch (caught) {
      return failure(event, caught, { values: postedTaskValues(data) });
    }
    redirect(303, `/teams/${teamId}/tasks/${taskId}`);
  },
};
