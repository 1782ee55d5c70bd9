import { hashSecret, randomBytes } from '@rightsize/auth';
import { Prisma, type Capacity, type Db, type Role } from '@rightsize/db';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { roleAtLeast, type TSetRole, type TTeamInvite } from '@rightsize/validators';
import { AppError } from '../errors.ts';
import { appendAudit, creationFields, diffFields } from './audit.ts';

type Tx = Prisma.TransactionClient;

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const teamNotFound = () => new AppError('NOT_FOUND', 'Team not found.');
const memberNotFound = () =>
  new AppError('NOT_FOUND', 'No such member in this team.', {
    fieldErrors: { userId: ['No such member in this team.'] },
  });
const invitationGone = () =>
  new AppError('NOT_FOUND', 'This invitation link is not valid: it may have been used, withdrawn, or have expired.');

/** A readable, unique slug: the name's letters plus a random tail, so two "Platform" teams can exist. */
const slugFor = (name: string) => {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${base || 'team'}-${encodeBase32LowerCaseNoPadding(randomBytes(5))}`;
};

/**
 * Serialises changes to a team's membership: every service that can add, remove or re-role a
 * member takes this row lock first, so "is this the last owner?" stays true until commit.
 */
const lockTeam = async (tx: Tx, teamId: string) => {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Team" WHERE id = ${teamId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw teamNotFound();
};

/** The actor's membership read inside the transaction: the middleware's copy may be stale by now. */
const actorMembership = async (tx: Tx, teamId: string, userId: string, minimum: Role) => {
  const membership = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  if (!membership) throw teamNotFound();
  if (!roleAtLeast(membership.role, minimum)) {
    throw new AppError(
      'FORBIDDEN',
      `Your role in this team (${membership.role}) cannot do this; it needs ${minimum} or above.`,
    );
  }
  return membership;
};

const ownerCount = (tx: Tx, teamId: string) => tx.membership.count({ where: { teamId, role: 'OWNER' } });

export const createTeam = async ({
  db,
  userId,
  name,
  requestId,
  now,
}: {
  db: Db;
  userId: string;
  name: string;
  requestId: string;
  now: Date;
}) =>
  db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { name, slug: slugFor(name) },
      select: { id: true, name: true, slug: true },
    });
    await tx.membership.create({ data: { teamId: team.id, userId, role: 'OWNER' }, select: { teamId: true } });
    await appendAudit(
      tx,
      { actorId: userId, requestId, now },
      {
        teamId: team.id,
        action: 'team.created',
        entityType: 'team',
        entityId: team.id,
        changes: creationFields({ name: team.name, slug: team.slug, owner: userId }),
      },
    );
    return team;
  });

export const listTeams = async ({ db, userId }: { db: Db; userId: string }) => {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, capacities: true, team: { select: { id: true, name: true, slug: true } } },
    orderBy: [{ team: { name: 'asc' } }, { teamId: 'asc' }],
  });
  return memberships.map(({ team, role, capacities }) => ({ ...team, role, capacities }));
};

export const getTeam = async ({
  db,
  teamId,
  membership,
}: {
  db: Db;
  teamId: string;
  membership: { role: Role; capacities: Capacity[] };
}) => {
  const team = await db.team.findUnique({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      slug: true,
      createdAt: true,
      version: true,
      _count: { select: { memberships: true } },
    },
  });
  if (!team) throw teamNotFound();
  const { _count, ...rest } = team;
  return { ...rest, memberCount: _count.memberships, myRole: membership.role, myCapacities: membership.capacities };
};

export const listMembers = async ({ db, teamId }: { db: Db; teamId: string }) => {
  const members = await db.membership.findMany({
    where: { teamId },
    select: {
      userId: true,
      role: true,
      capacities: true,
      version: true,
      createdAt: true,
      user: { select: { email: true, displayName: true } },
    },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
  });
  return members.map(({ user, createdAt, ...member }) => ({ ...member, ...user, joinedAt: createdAt }));
};

export const listInvitations = async ({ db, teamId, now }: { db: Db; teamId: string; now: Date }) =>
  db.invitation.findMany({
    where: { teamId, acceptedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      email: true,
      role: true,
      capacities: true,
      expiresAt: true,
      createdAt: true,
      invitedBy: { select: { displayName: true } },
    },
    orderBy: { createdAt: 'desc' },
  });

const invitationEmail = ({
  teamName,
  inviter,
  link,
  role,
}: {
  teamName: string;
  inviter: string;
  link: string;
  role: Role;
}) => ({
  subject: `${inviter} invited you to ${teamName} on Rightsize`.slice(0, 200),
  body: [
    `${inviter} invited you to join the team "${teamName}" on Rightsize as ${role}.`,
    '',
    `Accept the invitation: ${link}`,
    '',
    `The link works once and expires in ${INVITATION_LIFETIME_MS / 86_400_000} days. If you did not expect it, ignore this mail.`,
  ].join('\n'),
});

/**
 * Invites an address: a single-use link (shown to the inviter, and queued as mail in the outbox in
 * the same transaction). A new invitation to the same address replaces any pending one.
 */
export const inviteMember = async ({
  db,
  now,
  actorId,
  requestId,
  origin,
  input,
}: {
  db: Db;
  now: Date;
  actorId: string;
  requestId: string;
  origin: string;
  input: TTeamInvite;
}) => {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(32));
  const link = new URL(`/invite/${token}`, origin).toString();
  return db.$transaction(async (tx) => {
    await lockTeam(tx, input.teamId);
    await actorMembership(tx, input.teamId, actorId, input.role === 'OWNER' ? 'OWNER' : 'ADMIN');
    const existing = await tx.membership.findFirst({
      where: { teamId: input.teamId, user: { email: input.email } },
      select: { userId: true },
    });
    if (existing) {
      throw new AppError('CONFLICT', 'That person is already a member of this team.', {
        fieldErrors: { email: ['Already a member of this team.'] },
      });
    }
    // A new invitation to the same address replaces a pending one (only one link works at a time);
    // the replaced ids are recorded in this invitation's audit event.
    const replaced = await tx.invitation.findMany({
      where: { teamId: input.teamId, email: input.email, acceptedAt: null },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    if (replaced.length > 0) {
      await tx.invitation.deleteMany({ where: { id: { in: replaced.map(({ id }) => id) } } });
    }
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
    const invitation = await tx.invitation.create({
      data: {
        teamId: input.teamId,
        email: input.email,
        role: input.role,
        capacities: input.capacities,
        tokenHash: hashSecret(token),
        expiresAt,
        invitedById: actorId,
      },
      select: { id: true, team: { select: { name: true } }, invitedBy: { select: { displayName: true } } },
    });
    const mail = invitationEmail({
      teamName: invitation.team.name,
      inviter: invitation.invitedBy.displayName,
      link,
      role: input.role,
    });
    await tx.emailOutbox.create({ data: { teamId: input.teamId, to: input.email, ...mail }, select: { id: true } });
    // The token and its hash stay out of the trail: it records who was offered what, not the key.
    await appendAudit(
      tx,
      { actorId, requestId, now },
      {
        teamId: input.teamId,
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: invitation.id,
        changes: creationFields({
          email: input.email,
          role: input.role,
          capacities: input.capacities,
          expiresAt,
          ...(replaced.length > 0 ? { replacesInvitationIds: replaced.map(({ id }) => id) } : {}),
        }),
      },
    );
    return { invitationId: invitation.id, email: input.email, link, expiresAt };
  });
};

const findUsableInvitation = (db: Db | Tx, token: string, now: Date) =>
  db.invitation.findFirst({
    where: { tokenHash: hashSecret(token), acceptedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      teamId: true,
      email: true,
      role: true,
      capacities: true,
      expiresAt: true,
      team: { select: { name: true } },
      invitedBy: { select: { displayName: true } },
    },
  });

/** What an invitation link offers, for the page a recipient opens before signing in. */
export const previewInvitation = async ({ db, now, token }: { db: Db; now: Date; token: string }) => {
  const invitation = await findUsableInvitation(db, token, now);
  if (!invitation) throw invitationGone();
  return {
    teamName: invitation.team.name,
    email: invitation.email,
    role: invitation.role,
    capacities: invitation.capacities,
    invitedBy: invitation.invitedBy.displayName,
    expiresAt: invitation.expiresAt,
  };
};

/** Redeems a link once: only the invited address may, and only before it expires. */
export const acceptInvitation = async ({
  db,
  now,
  requestId,
  user,
  token,
}: {
  db: Db;
  now: Date;
  requestId: string;
  user: { id: string; email: string };
  token: string;
}) =>
  db.$transaction(async (tx) => {
    const invitation = await findUsableInvitation(tx, token, now);
    if (!invitation) throw invitationGone();
    if (invitation.email !== user.email) {
      throw new AppError(
        'FORBIDDEN',
        `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
      );
    }
    await lockTeam(tx, invitation.teamId);
    // Conditional on still being unused: of two concurrent accepts, one wins.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: now, version: { increment: 1 } },
    });
    if (count !== 1) throw invitationGone();
    const already = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: invitation.teamId, userId: user.id } },
      select: { role: true },
    });
    if (!already) {
      await tx.membership.create({
        data: { teamId: invitation.teamId, userId: user.id, role: invitation.role, capacities: invitation.capacities },
        select: { teamId: true },
      });
    }
    // One event: the new membership (naming the invitation it came from), or, for someone who was
    // already a member, only that the invitation was used.
    await appendAudit(
      tx,
      { actorId: user.id, requestId, now },
      already
        ? {
            teamId: invitation.teamId,
            action: 'invitation.accepted',
            entityType: 'invitation',
            entityId: invitation.id,
            changes: { acceptedAt: { old: null, new: now.toISOString() } },
          }
        : {
            teamId: invitation.teamId,
            action: 'membership.created',
            entityType: 'membership',
            entityId: user.id,
            changes: creationFields({
              userId: user.id,
              role: invitation.role,
              capacities: invitation.capacities,
              invitationId: invitation.id,
            }),
          },
    );
    return { teamId: invitation.teamId, teamName: invitation.team.name, role: already?.role ?? invitation.role };
  });

export const revokeInvitation = async ({
  db,
  actorId,
  requestId,
  now,
  teamId,
  invitationId,
}: {
  db: Db;
  actorId: string;
  requestId: string;
  now: Date;
  teamId: string;
  invitationId: string;
}) =>
  db.$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    await actorMembership(tx, teamId, actorId, 'ADMIN');
    // Scoped by team: another team's invitation id is simply not found.
    const pending = await tx.invitation.findFirst({
      where: { id: invitationId, teamId, acceptedAt: null },
      select: { email: true, role: true, capacities: true, expiresAt: true },
    });
    if (!pending) {
      throw new AppError('NOT_FOUND', 'No such pending invitation in this team.', {
        fieldErrors: { invitationId: ['No such pending invitation in this team.'] },
      });
    }
    // Accepting takes the same team lock, so the invitation is still pending here.
    await tx.invitation.delete({ where: { id: invitationId }, select: { id: true } });
    await appendAudit(
      tx,
      { actorId, requestId, now },
      {
        teamId,
        action: 'invitation.revoked',
        entityType: 'invitation',
        entityId: invitationId,
        changes: {
          email: { old: pending.email },
          role: { old: pending.role },
          capacities: { old: pending.capacities },
          expiresAt: { old: pending.expiresAt.toISOString() },
        },
      },
    );
    return { invitationId };
  });

/**
 * Changes a member's role and sign-off capacities. Admins manage admins, editors and viewers;
 * only an owner can make or unmake an owner; the last owner cannot be demoted.
 */
export const setMemberRole = async ({
  db,
  actorId,
  requestId,
  now,
  input,
}: {
  db: Db;
  actorId: string;
  requestId: string;
  now: Date;
  input: TSetRole;
}) =>
  db.$transaction(async (tx) => {
    await lockTeam(tx, input.teamId);
    const actor = await actorMembership(tx, input.teamId, actorId, 'ADMIN');
    const target = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: input.userId } },
      select: { role: true, capacities: true, version: true },
    });
    if (!target) throw memberNotFound();
    if ((target.role === 'OWNER' || input.role === 'OWNER') && actor.role !== 'OWNER') {
      throw new AppError('FORBIDDEN', 'Only an owner can make someone an owner or change an owner.');
    }
    if (target.version !== input.version) {
      throw new AppError(
        'CONFLICT',
        'This member was changed by someone else since you loaded the page. Reload and try again.',
      );
    }
    if (target.role === 'OWNER' && input.role !== 'OWNER' && (await ownerCount(tx, input.teamId)) === 1) {
      throw new AppError('CONFLICT', 'A team needs at least one owner: make someone else an owner first.', {
        fieldErrors: { role: ['The last owner cannot be demoted.'] },
      });
    }
    const updated = await tx.membership.update({
      where: { teamId_userId: { teamId: input.teamId, userId: input.userId } },
      data: { role: input.role, capacities: input.capacities, version: { increment: 1 } },
      select: { userId: true, role: true, capacities: true, version: true },
    });
    await appendAudit(
      tx,
      { actorId, requestId, now },
      {
        teamId: input.teamId,
        action: 'membership.updated',
        entityType: 'membership',
        entityId: input.userId,
        changes: {
          ...diffFields(target, { role: input.role, capacities: input.capacities }),
          version: { old: target.version, new: updated.version },
        },
      },
    );
    return updated;
  });

/**
 * Removes a member, or lets a member leave. Removing someone else needs ADMIN (OWNER to remove an
 * owner); the last owner can neither leave nor be removed. Their next request is refused, since
 * every team-scoped call reads the membership afresh.
 */
export const removeMember = async ({
  db,
  actorId,
  requestId,
  now,
  teamId,
  userId,
}: {
  db: Db;
  actorId: string;
  requestId: string;
  now: Date;
  teamId: string;
  userId: string;
}) =>
  db.$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    const leaving = actorId === userId;
    const actor = await actorMembership(tx, teamId, actorId, leaving ? 'VIEWER' : 'ADMIN');
    const target = await tx.membership.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { role: true, capacities: true },
    });
    if (!target) throw memberNotFound();
    if (target.role === 'OWNER' && actor.role !== 'OWNER')
      throw new AppError('FORBIDDEN', 'Only an owner can remove an owner.');
    if (target.role === 'OWNER' && (await ownerCount(tx, teamId)) === 1) {
      throw new AppError(
        'CONFLICT',
        leaving
          ? 'You are the last owner: make someone else an owner before you leave.'
          : 'The last owner cannot be removed.',
      );
    }
    await tx.membership.delete({ where: { teamId_userId: { teamId, userId } }, select: { userId: true } });
    await appendAudit(
      tx,
      { actorId, requestId, now },
      {
        teamId,
        action: 'membership.removed',
        entityType: 'membership',
        entityId: userId,
        changes: { userId: { old: userId }, role: { old: target.role }, capacities: { old: target.capacities } },
      },
    );
    return { userId, left: leaving };
  });
