import type { PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';

export const load: PageServerLoad = async (event) => {
  try {
    return { system: await api(event).system.info() };
  } catch (error) {
    event.locals.log.warn({ err: error }, 'system.info failed');
    return { system: null };
  }
};
