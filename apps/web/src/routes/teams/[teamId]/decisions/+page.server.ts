import type { PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const decisions = await orNotFound(api(event).decision.find({ teamId: event.params.teamId }), 'Team');
  return { decisions };
};
