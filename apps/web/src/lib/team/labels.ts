import type { TCapacity, TRole } from '@rightsize/validators/constants';

/** What each role may do, in the words the settings page shows next to the choice. */
export const ROLE_LABELS: Record<TRole, { name: string; summary: string }> = {
  OWNER: { name: 'Owner', summary: 'What an admin can, and also makes, changes and removes owners.' },
  ADMIN: { name: 'Admin', summary: 'Manages members, roles and invitations.' },
  EDITOR: { name: 'Editor', summary: 'Writes projects, tasks, candidates and decisions.' },
  VIEWER: { name: 'Viewer', summary: 'Reads everything; changes nothing.' },
};

export const CAPACITY_LABELS: Record<TCapacity, string> = {
  ENGINEERING: 'Engineering',
  FINANCE: 'Finance',
  SECURITY: 'Security',
  PRODUCT: 'Product',
};
