import { z } from 'zod';
import { zId, zVersion } from './common.ts';
import { PROJECT_DESCRIPTION_MAX_LENGTH, PROJECT_NAME_MAX_LENGTH } from './constants.ts';
import { ZTeamScope } from './team.ts';

export const zProjectName = z
  .string({ error: 'Enter a name for the project.' })
  .trim()
  .min(1, 'Enter a name for the project.')
  .max(PROJECT_NAME_MAX_LENGTH, `Shorten the name to at most ${PROJECT_NAME_MAX_LENGTH} characters.`);

export const zProjectDescription = z
  .string({ error: 'The description must be text.' })
  .trim()
  .max(
    PROJECT_DESCRIPTION_MAX_LENGTH,
    `Shorten the description to at most ${PROJECT_DESCRIPTION_MAX_LENGTH.toLocaleString('en')} characters.`,
  );

/** Archived rows are hidden from lists unless asked for. */
export const zIncludeArchived = z.boolean({ error: 'includeArchived must be true or false.' }).default(false);

export const ZProjectCreate = ZTeamScope.extend({ name: zProjectName, description: zProjectDescription.default('') });
export type TProjectCreate = z.infer<typeof ZProjectCreate>;

export const ZProjectFind = ZTeamScope.extend({ includeArchived: zIncludeArchived });
export type TProjectFind = z.infer<typeof ZProjectFind>;

export const ZProjectGet = ZTeamScope.extend({ projectId: zId });
export type TProjectGet = z.infer<typeof ZProjectGet>;

/** A partial patch: only the fields given change. `version` is the one the editor loaded. */
export const ZProjectUpdate = ZTeamScope.extend({
  projectId: zId,
  version: zVersion,
  name: zProjectName.optional(),
  description: zProjectDescription.optional(),
});
export type TProjectUpdate = z.infer<typeof ZProjectUpdate>;

export const ZProjectArchive = ZTeamScope.extend({ projectId: zId, version: zVersion });
export type TProjectArchive = z.infer<typeof ZProjectArchive>;
