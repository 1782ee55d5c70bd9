-- Invariants the application already keeps, enforced by the database as well, so a bug or a manual
-- fix cannot store a row the code would misread. Prisma's schema language cannot express CHECK
-- constraints; they live only here (the schema engine ignores them when diffing).

-- Emails are compared as stored: trimmed and lower-cased at every entry point.
ALTER TABLE "User" ADD CONSTRAINT "User_email_normalised" CHECK ("email" = lower(btrim("email")) AND "email" <> '');
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_email_normalised" CHECK ("email" = lower(btrim("email")) AND "email" <> '');

-- SHA-256 digests are 32 bytes.
ALTER TABLE "Session" ADD CONSTRAINT "Session_secretHash_sha256" CHECK (octet_length("secretHash") = 32);
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tokenHash_sha256" CHECK (octet_length("tokenHash") = 32);

-- The sliding idle expiry never passes the absolute one.
ALTER TABLE "Session" ADD CONSTRAINT "Session_idle_within_absolute" CHECK ("idleExpiresAt" <= "absoluteExpiresAt");

-- Optimistic-concurrency versions start at 1 and only grow.
ALTER TABLE "User" ADD CONSTRAINT "User_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Team" ADD CONSTRAINT "Team_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_version_positive" CHECK ("version" >= 1);

ALTER TABLE "LoginThrottle" ADD CONSTRAINT "LoginThrottle_attempts_non_negative" CHECK ("attempts" >= 0);
