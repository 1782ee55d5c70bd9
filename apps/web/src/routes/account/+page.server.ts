import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, text } from '#lib/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/account');
  return { me: await api(event).auth.me() };
};

export const actions: Actions = {
  changePassword: async (event) => {
    const data = await event.request.formData();
    try {
      const { otherSessionsEnded } = await api(event).auth.changePassword({
        currentPassword: text(data, 'currentPassword') ?? '',
        newPassword: text(data, 'newPassword') ?? '',
      });
      return { changed: true, otherSessionsEnded };
    } catch (error) {
      return failure(event, error);
    }
  },
};
