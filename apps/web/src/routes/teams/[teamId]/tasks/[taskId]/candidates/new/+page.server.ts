import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { candidateFieldFor, candidateFromForm } from '#lib/forms/candidate-form.ts';
import { api } from '#lib/server/api.ts';
import { failure, formValues, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, taskId } = event.params;
  const [task, candidates] = await Promise.all([
    orNotFound(caller.task.get({ teamId, taskId }), 'Task'),
    orNotFound(caller.candidate.find({ teamId, taskId }), 'Task'),
  ]);
  return {
    task: { id: task.id, name: task.name, project: task.project },
    parts: candidates.filter((c) => c.kind !== 'CASCADE').map((c) => ({ id: c.id, name: c.name })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const { teamId, taskId } = event.params;
    try {
      await api(event).candidate.create(unvalidated({ teamId, taskId, ...candidateFromForm(data) }));
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), fieldFor: candidateFieldFor });
    }
    redirect(303, `/teams/${teamId}/tasks/${taskId}/compare`);
  },
};
