import type { LayoutServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

/** The team's name and the caller's role for the team's navigation. Pages still check on their own. */
export const load: LayoutServerLoad = async (event) => {
  requireUser(event);
  const team = await orNotFound(api(event).team.get({ teamId: event.params.teamId }), 'Team');
  return { team: { id: team.id, name: team.name, myRole: team.myRole, myCapacities: team.myCapacities } };
};
