import { roleAtLeast } from '@rightsize/validators';
import type { PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
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
