// Plain values shared by forms and schemas, with no zod import: pages can show limits and choices
// without shipping the validation library to the browser.

export const ROLES = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'] as const;
export type TRole = (typeof ROLES)[number];

export const CAPACITIES = ['ENGINEERING', 'FINANCE', 'SECURITY', 'PRODUCT'] as const;
export type TCapacity = (typeof CAPACITIES)[number];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Roles from the most to the least powerful; a role includes every right of those after it. */
export const roleRank = (role: TRole): number => ROLES.length - ROLES.indexOf(role);

/** True when `role` grants at least what `minimum` grants. */
export const roleAtLeast = (role: TRole, minimum: TRole): boolean => roleRank(role) >= roleRank(minimum);
