import { error } from '@sveltejs/kit';
import { exportTeamArchive } from '@rightsize/api';
import type { RequestHandler } from './$types';
import { api } from '#lib/server/api.ts';
import { db } from '#lib/server/db.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

/** Every decision of the team as MADR Markdown files in one zip, for keeping next to the code. */
export const GET: RequestHandler = async (event) => {
  requireUser(event);
  const teamId = event.params.teamId;
  // Membership is checked by the procedure; a team you are not in is a 404.
  const team = await orNotFound(api(event).team.get({ teamId }), 'Team');
  const zip = await exportTeamArchive({ db: db(), teamId: team.id });
  if (!zip) error(404, 'Team not found.');
  const date = new Date().toISOString().slice(0, 10);
  return new Response(zip, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${team.slug}-decisions-${date}.zip"`,
      'cache-control': 'no-store',
    },
  });
};
