import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** A team's home is its projects. */
export const load: PageServerLoad = ({ params }) => redirect(307, `/teams/${params.teamId}/projects`);
