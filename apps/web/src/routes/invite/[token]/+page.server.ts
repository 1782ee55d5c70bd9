import { redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, formValues, text } from '#lib/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  try {
    const invitation = await api(event).team.invitation({ token: event.params.token });
    return { invitation, user: event.locals.user };
  } catch (caught) {
    // A malformed, used, withdrawn or expired link all read the same: the page says so.
    if (caught instanceof TRPCError && (caught.code === 'NOT_FOUND' || caught.code === 'BAD_REQUEST')) {
      return { invitation: null, user: event.locals.user };
    }
    throw caught;
  }
};

export const actions: Actions = {
  accept: async (event) => {
    let teamId: string;
    try {
      ({ teamId } = await api(event).team.acceptInvite({ token: event.params.token }));
    } catch (caught) {
      return failure(event, caught, { form: 'accept' });
    }
    redirect(303, `/teams/${teamId}/settings`);
  },
  /** A recipient without an account creates one here, then accepts on the same page. */
  signUp: async (event) => {
    const data = await event.request.formData();
    try {
      const { email } = await api(event).team.invitation({ token: event.params.token });
      await api(event).auth.signUp({
        email,
        displayName: text(data, 'displayName') ?? '',
        password: text(data, 'password') ?? '',
      });
    } catch (caught) {
      return failure(event, caught, { values: formValues(data, ['password']), form: 'signUp' });
    }
    redirect(303, event.url.pathname);
  },
};
