import { redirect } from '@sveltejs/kit';
import { roleAtLeast } from '@rightsize/validators';
import type { Actions, PageServerLoad } from './$types';
import { parseNumber } from '#lib/forms/quantity.ts';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text, unvalidated } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, taskId } = event.params;
  const [team, assessment, comparison, decisions] = await Promise.all([
    orNotFound(caller.team.get({ teamId }), 'Team'),
    orNotFound(caller.assessment.get({ teamId, taskId }), 'Task'),
    orNotFound(caller.comparison.get({ teamId, taskId }), 'Task'),
    orNotFound(caller.decision.find({ teamId, taskId }), 'Task'),
  ]);
  // The comparison carries the task exactly as task.get returns it: no second load.
  const task = comparison.task;
  return {
    task,
    assessment,
    decisions,
    // A, L and L of the SMALL panel show what the comparison says, as suggestions.
    suggestions: comparison.candidates.length ? comparison.suggestions : null,
    candidateCount: comparison.candidates.length,
    canEdit: roleAtLeast(team.myRole, 'EDITOR') && !task.archivedAt,
  };
};

const optional = (data: FormData, key: string) => {
  const value = text(data, key)?.trim();
  return value ? value : undefined;
};

export const actions: Actions = {
  setLetter: async (event) => {
    const data = await event.request.formData();
    const letter = text(data, 'letter') ?? '';
    const form = `letter-${letter}`;
    try {
      await api(event).assessment.setLetter(
        unvalidated({
          teamId: event.params.teamId,
          taskId: event.params.taskId,
          letter,
          verdict: text(data, 'verdict'),
          rationale: text(data, 'rationale') ?? '',
          version: Number(text(data, 'version')),
        }),
      );
      return { form, saved: true };
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form });
    }
  },
  addEvidence: async (event) => {
    const data = await event.request.formData();
    const letter = text(data, 'letter') ?? '';
    const kind = text(data, 'kind') ?? '';
    const form = `evidence-${letter}-${kind}`;
    const sampleSize = optional(data, 'sampleSize');
    const metricValue = text(data, 'metricValue') ?? '';
    try {
      await api(event).evidence.add(
        unvalidated({
          teamId: event.params.teamId,
          taskId: event.params.taskId,
          letter,
          kind,
          title: kind === 'METRIC' ? optional(data, 'title') : (text(data, 'title') ?? ''),
          url: kind === 'LINK' ? (text(data, 'url') ?? '') : undefined,
          body: kind === 'NOTE' ? (text(data, 'body') ?? '') : undefined,
          ...(kind === 'METRIC'
            ? {
                metricName: text(data, 'metricName') ?? '',
                metricValue: metricValue.trim() === '' ? undefined : parseNumber(metricValue),
                metricUnit: text(data, 'metricUnit') ?? '',
                sampleSize: sampleSize === undefined ? undefined : parseNumber(sampleSize),
                measuredOn: optional(data, 'measuredOn'),
                source: optional(data, 'source'),
              }
            : {}),
        }),
      );
      return { form, added: true };
    } catch (caught) {
      return failure(event, caught, { values: formValues(data), form });
    }
  },
  removeEvidence: async (event) => {
    const data = await event.request.formData();
    const evidenceId = text(data, 'evidenceId') ?? '';
    try {
      await api(event).evidence.remove({ teamId: event.params.teamId, evidenceId });
      return { form: `remove-${evidenceId}`, removed: true };
    } catch (caught) {
      return failure(event, caught, { form: `remove-${evidenceId}` });
    }
  },
  archive: async (event) => {
    const data = await event.request.formData();
    let projectId: string;
    try {
      ({
        project: { id: projectId },
      } = await api(event).task.archive({
        teamId: event.params.teamId,
        taskId: event.params.taskId,
        version: Number(text(data, 'version')),
      }));
    } catch (caught) {
      return failure(event, caught, { form: 'archive' });
    }
    redirect(303, `/teams/${event.params.teamId}/projects/${projectId}`);
  },
};
