import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, safeNext, text } from '#lib/server/forms.ts';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.user) redirect(303, next);
  return { next, email: url.searchParams.get('email')?.slice(0, 254) ?? '' };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).auth.signUp({
        email: text(data, 'email') ?? '',
        displayName: text(data, 'displayName') ?? '',
        password: text(data, 'password') ?? '',
      });
    } catch (error) {
      return failure(event, error, { values: formValues(data, ['password']) });
    }
    redirect(303, safeNext(text(data, 'next')));
  },
};
