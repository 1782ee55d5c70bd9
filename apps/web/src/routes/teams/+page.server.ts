import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text } from '#lib/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/teams');
  return { teams: await api(event).team.list() };
};

export const actions: Actions = {
  create: async (event) => {
    const data = await event.request.formData();
    let teamId: string;
    try {
      teamId = (await api(event).team.create({ name: text(data, 'name') ?? '' })).id;
    } catch (error) {
      return failure(event, error, { values: formValues(data) });
    }
    redirect(303, `/teams/${teamId}/settings`);
  },
};
