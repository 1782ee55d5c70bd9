import { redirect } from '@sveltejs/kit';
import { roleAtLeast } from '@rightsize/validators';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, taskId } = event.params;
  const [team, comparison] = await Promise.all([
    orNotFound(caller.team.get({ teamId }), 'Team'),
    orNotFound(caller.comparison.get({ teamId, taskId }), 'Task'),
  ]);
  return { comparison, canEdit: roleAtLeast(team.myRole, 'EDITOR') && !comparison.task.archivedAt };
};

export const actions: Actions = {
  /** Records a decision on this comparison: a draft, proposed for sign-off at once when asked. */
  decide: async (event) => {
    const data = await event.request.formData();
    const { teamId, taskId } = event.params;
    const caller = api(event);
    let decisionId: string;
    try {
      const created = await caller.decision.create(
        unvalidated({
          teamId,
          taskId,
          title: text(data, 'title') ?? '',
          context: text(data, 'context') ?? '',
          consequences: text(data, 'consequences') ?? '',
          chosenCandidateId: text(data, 'chosenCandidateId') || null,
        }),
      );
      decisionId = created.id;
      if (text(data, 'then') === 'propose') {
        await caller.decision.propose({ teamId, decisionId, version: created.version });
      }
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form: 'decide' });
    }
    redirect(303, `/teams/${teamId}/decisions/${decisionId}`);
  },
};
