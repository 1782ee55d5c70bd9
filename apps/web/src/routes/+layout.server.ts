import type { LayoutServerLoad } from './$types';
import { api } from '#lib/server/api.ts';

/** The signed-in user and their teams, for the header's team switcher. */
export const load: LayoutServerLoad = async (event) => {
  const user = event.locals.user;
  if (!user) return { user: null, teams: [] };
  try {
    return { user, teams: await api(event).team.list() };
  } catch (error) {
    event.locals.log.warn({ err: error }, 'team.list failed for the header');
    return { user, teams: [] };
  }
};
