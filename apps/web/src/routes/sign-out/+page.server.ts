import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { clearSessionCookie } from '#lib/server/session.ts';

// Signing out changes state, so it is a POST (SvelteKit checks its origin); the page itself only
// offers the button, for a browser that arrives here by a link.
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/sign-in');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    if (event.locals.user) await api(event).auth.signOut();
    else clearSessionCookie(event);
    redirect(303, '/sign-in?signed-out');
  },
};
