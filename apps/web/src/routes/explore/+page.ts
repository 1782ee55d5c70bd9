import type { PageLoad } from './$types';
import { parseQuery } from '#lib/explorer/query.ts';

// Universal: the server renders the view in the URL (useful without JavaScript), the browser
// recomputes it live as the sliders move.
export const load: PageLoad = ({ url }) => ({ query: parseQuery(url.searchParams) });
