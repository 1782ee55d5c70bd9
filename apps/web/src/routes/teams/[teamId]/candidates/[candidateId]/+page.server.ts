import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { candidateFieldFor, candidateFormValues, candidateFromForm } from '#lib/forms/candidate-form.ts';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, candidateId } = event.params;
  const candidate = await orNotFound(caller.candidate.get({ teamId, candidateId }), 'Candidate');
  const siblings = await caller.candidate.find({ teamId, taskId: candidate.taskId });
  return {
    candidate,
    values: candidateFormValues(candidate),
    parts: siblings
      .filter((c) => c.kind !== 'CASCADE' && c.id !== candidate.id)
      .map((c) => ({ id: c.id, name: c.name })),
  };
};

export const actions: Actions = {
  update: async (event) => {
    const data = await event.request.formData();
    const { teamId, candidateId } = event.params;
    const posted = candidateFromForm(data);
    let taskId: string;
    try {
      ({ taskId } = await api(event).candidate.update(
        unvalidated({
          teamId,
          candidateId,
          version: Number(text(data, 'version')),
          name: posted.name,
          notes: posted.notes,
          ...('spec' in posted
            ? { spec: posted.spec }
            : {
                smallCandidateId: posted.smallCandidateId,
                largeCandidateId: posted.largeCandidateId,
                escalationRate: posted.escalationRate,
              }),
        }),
      ));
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form: 'update', fieldFor: candidateFieldFor });
    }
    redirect(303, `/teams/${teamId}/tasks/${taskId}/compare`);
  },
  archive: async (event) => {
    const data = await event.request.formData();
    const { teamId, candidateId } = event.params;
    let taskId: string;
    try {
      ({ taskId } = await api(event).candidate.archive({
        teamId,
        candidateId,
        version: Number(text(data, 'version')),
      }));
    } catch (caught) {
      return failure(event, caught, { form: 'archive' });
    }
    redirect(303, `/teams/${teamId}/tasks/${taskId}/compare`);
  },
};
