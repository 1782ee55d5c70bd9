import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, safeNext, text } from '#lib/server/forms.ts';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.user) redirect(303, next);
  return { next, signedOut: url.searchParams.has('signed-out') };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    try {
      await api(event).auth.signIn({ email: text(data, 'email') ?? '', password: text(data, 'password') ?? '' });
    } catch (error) {
      return failure(event, error, { values: formValues(data, ['password']) });
    }
    redirect(303, safeNext(text(data, 'next')));
  },
};
