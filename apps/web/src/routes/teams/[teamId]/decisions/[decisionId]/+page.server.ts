import { redirect } from '@sveltejs/kit';
import { roleAtLeast } from '@rightsize/validators';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, decisionId } = event.params;
  const [team, decision] = await Promise.all([
    orNotFound(caller.team.get({ teamId }), 'Team'),
    orNotFound(caller.decision.get({ teamId, decisionId }), 'Decision'),
  ]);
  const candidates =
    decision.status === 'DRAFT' ? await caller.candidate.find({ teamId, taskId: decision.task.id }) : [];
  return {
    decision,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
    canWrite: roleAtLeast(team.myRole, 'EDITOR'),
  };
};

const version = (data: FormData) => Number(text(data, 'version'));

export const actions: Actions = {
  update: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).decision.update(
        unvalidated({
          teamId: event.params.teamId,
          decisionId: event.params.decisionId,
          version: version(data),
          title: text(data, 'title') ?? '',
          context: text(data, 'context') ?? '',
          consequences: text(data, 'consequences') ?? '',
          chosenCandidateId: text(data, 'chosenCandidateId') || null,
        }),
      );
      return { form: 'update', saved: true };
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form: 'update' });
    }
  },
  propose: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).decision.propose({
        teamId: event.params.teamId,
        decisionId: event.params.decisionId,
        version: version(data),
      });
      return { form: 'propose', saved: true };
    } catch (caught) {
      return failure(event, caught, { form: 'propose' });
    }
  },
  withdraw: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).decision.withdraw({
        teamId: event.params.teamId,
        decisionId: event.params.decisionId,
        version: version(data),
      });
      return { form: 'withdraw', saved: true };
    } catch (caught) {
      return failure(event, caught, { form: 'withdraw' });
    }
  },
  signOff: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).decision.signOff(
        unvalidated({
          teamId: event.params.teamId,
          decisionId: event.params.decisionId,
          capacity: text(data, 'capacity'),
          verdict: text(data, 'verdict'),
          comment: text(data, 'comment') ?? '',
          snapshotSha256: text(data, 'snapshotSha256') ?? '',
          password: text(data, 'password') ?? '',
        }),
      );
      return { form: 'signOff', saved: true };
    } catch (caught) {
      // The password is never sent back to the page.
      return failure(event, caught, { values: formValues(data, ['password']), form: 'signOff' });
    }
  },
  /** "Open a new decision from today's figures": a draft copied from this one, on live figures. */
  reopen: async (event) => {
    const { teamId, decisionId } = event.params;
    let created: { id: string };
    try {
      const decision = await api(event).decision.get({ teamId, decisionId });
      created = await api(event).decision.create({ teamId, taskId: decision.task.id, fromDecisionId: decisionId });
    } catch (caught) {
      return failure(event, caught, { form: 'reopen' });
    }
    redirect(303, `/teams/${teamId}/decisions/${created.id}`);
  },
};
