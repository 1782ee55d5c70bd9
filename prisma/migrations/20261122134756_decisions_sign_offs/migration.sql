-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('DRAFT', 'PROPOSED', 'ACCEPTED', 'REJECTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "SignOffVerdict" AS ENUM ('APPROVE', 'REJECT');

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "taskId" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "chosenCandidateId" UUID,
    "context" VARCHAR(20000) NOT NULL DEFAULT '',
    "consequences" VARCHAR(20000) NOT NULL DEFAULT '',
    "status" "DecisionStatus" NOT NULL DEFAULT 'DRAFT',
    "proposedById" UUID,
    "proposedAt" TIMESTAMPTZ(3),
    "requiredCapacities" "Capacity"[] DEFAULT ARRAY[]::"Capacity"[],
    "snapshot" JSONB,
    "snapshotSha256" BYTEA,
    "estimatorVersion" VARCHAR(40),
    "supersedesId" UUID,
    "supersededById" UUID,
    "acceptedAt" TIMESTAMPTZ(3),
    "rejectedAt" TIMESTAMPTZ(3),
    "supersededAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOff" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "decisionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "signerName" VARCHAR(100) NOT NULL,
    "capacity" "Capacity" NOT NULL,
    "verdict" "SignOffVerdict" NOT NULL,
    "comment" VARCHAR(5000) NOT NULL DEFAULT '',
    "snapshotSha256" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOffPolicy" (
    "teamId" UUID NOT NULL,
    "requiredCapacities" "Capacity"[],
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SignOffPolicy_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "DecisionCounter" (
    "teamId" UUID NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "DecisionCounter_pkey" PRIMARY KEY ("teamId")
);

-- CreateIndex
CREATE INDEX "Decision_teamId_taskId_status_idx" ON "Decision"("teamId", "taskId", "status");

-- CreateIndex
CREATE INDEX "Decision_teamId_status_number_idx" ON "Decision"("teamId", "status", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_teamId_id_key" ON "Decision"("teamId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_teamId_number_key" ON "Decision"("teamId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_teamId_supersedesId_key" ON "Decision"("teamId", "supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_teamId_supersededById_key" ON "Decision"("teamId", "supersededById");

-- CreateIndex
CREATE INDEX "SignOff_teamId_decisionId_idx" ON "SignOff"("teamId", "decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "SignOff_decisionId_snapshotSha256_userId_capacity_key" ON "SignOff"("decisionId", "snapshotSha256", "userId", "capacity");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_teamId_taskId_id_key" ON "Candidate"("teamId", "taskId", "id");

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_teamId_taskId_chosenCandidateId_fkey" FOREIGN KEY ("teamId", "taskId", "chosenCandidateId") REFERENCES "Candidate"("teamId", "taskId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_teamId_supersedesId_fkey" FOREIGN KEY ("teamId", "supersedesId") REFERENCES "Decision"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_teamId_supersededById_fkey" FOREIGN KEY ("teamId", "supersededById") REFERENCES "Decision"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_teamId_decisionId_fkey" FOREIGN KEY ("teamId", "decisionId") REFERENCES "Decision"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOffPolicy" ADD CONSTRAINT "SignOffPolicy_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionCounter" ADD CONSTRAINT "DecisionCounter_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Written by hand below: invariants Prisma's schema language cannot express.

ALTER TABLE "Decision" ADD CONSTRAINT "Decision_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_number_positive" CHECK ("number" >= 1);
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_title_not_blank" CHECK (btrim("title") <> '');
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_snapshotSha256_sha256" CHECK (
  "snapshotSha256" IS NULL OR octet_length("snapshotSha256") = 32);
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_not_linked_to_itself" CHECK (
  "supersedesId" <> "id" AND "supersededById" <> "id");
-- A draft has no proposal; from PROPOSED on, the proposal (who, when, the frozen snapshot and its
-- hash, the estimator, the policy's capacities and the chosen candidate) is complete. The dates
-- and links of acceptance, rejection and supersession exist exactly in the states they name.
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_status_fields" CHECK (
  "requiredCapacities" IS NOT NULL
  AND CASE WHEN "status" = 'DRAFT'
    THEN "proposedById" IS NULL AND "proposedAt" IS NULL AND "snapshot" IS NULL AND "snapshotSha256" IS NULL
         AND "estimatorVersion" IS NULL AND cardinality("requiredCapacities") = 0
    ELSE "proposedById" IS NOT NULL AND "proposedAt" IS NOT NULL AND "snapshot" IS NOT NULL
         AND "snapshotSha256" IS NOT NULL AND "estimatorVersion" IS NOT NULL AND "chosenCandidateId" IS NOT NULL
         AND cardinality("requiredCapacities") >= 1
  END
  AND ("acceptedAt" IS NOT NULL) = ("status" IN ('ACCEPTED', 'SUPERSEDED'))
  AND ("rejectedAt" IS NOT NULL) = ("status" = 'REJECTED')
  AND ("supersededAt" IS NOT NULL) = ("status" = 'SUPERSEDED')
  AND ("supersededById" IS NOT NULL) = ("status" = 'SUPERSEDED')
  AND ("supersedesId" IS NULL OR "status" IN ('ACCEPTED', 'SUPERSEDED')));

-- At most one accepted decision per task: accepting a new one supersedes the old in the same
-- transaction, so two concurrent acceptances cannot both stand.
CREATE UNIQUE INDEX "Decision_one_accepted_per_task" ON "Decision"("teamId", "taskId") WHERE "status" = 'ACCEPTED';

ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_snapshotSha256_sha256" CHECK (octet_length("snapshotSha256") = 32);
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_reject_has_comment" CHECK ("verdict" <> 'REJECT' OR btrim("comment") <> '');
ALTER TABLE "SignOffPolicy" ADD CONSTRAINT "SignOffPolicy_capacities_required" CHECK (
  "requiredCapacities" IS NOT NULL AND cardinality("requiredCapacities") >= 1);
ALTER TABLE "SignOffPolicy" ADD CONSTRAINT "SignOffPolicy_version_positive" CHECK ("version" >= 1);
ALTER TABLE "DecisionCounter" ADD CONSTRAINT "DecisionCounter_last_positive" CHECK ("last" >= 1);

-- A decision's content can change only while it is a DRAFT, and a decided record only by being
-- superseded. The service refuses these changes with a clear message; this trigger makes sure no
-- other path (a bug, a manual fix under the app's role) can change what people signed.
CREATE FUNCTION "decision_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION 'Decision %: a % decision cannot be deleted', OLD."id", OLD."status"
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW."id", NEW."teamId", NEW."number", NEW."taskId", NEW."createdById", NEW."createdAt")
     IS DISTINCT FROM (OLD."id", OLD."teamId", OLD."number", OLD."taskId", OLD."createdById", OLD."createdAt") THEN
    RAISE EXCEPTION 'Decision %: its identity cannot change', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW."status" <> OLD."status" AND NOT (
       (OLD."status" = 'DRAFT' AND NEW."status" = 'PROPOSED')
    OR (OLD."status" = 'PROPOSED' AND NEW."status" IN ('DRAFT', 'ACCEPTED', 'REJECTED'))
    OR (OLD."status" = 'ACCEPTED' AND NEW."status" = 'SUPERSEDED')) THEN
    RAISE EXCEPTION 'Decision %: % cannot become %', OLD."id", OLD."status", NEW."status"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."status" <> 'DRAFT'
     AND (NEW."title", NEW."context", NEW."consequences", NEW."chosenCandidateId")
         IS DISTINCT FROM (OLD."title", OLD."context", OLD."consequences", OLD."chosenCandidateId") THEN
    RAISE EXCEPTION 'Decision %: its content cannot change while it is % (withdraw it first)', OLD."id", OLD."status"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  -- The frozen proposal stays as it was, unless a withdrawal returns the decision to DRAFT.
  IF OLD."status" <> 'DRAFT' AND NEW."status" <> 'DRAFT'
     AND (NEW."snapshot", NEW."snapshotSha256", NEW."estimatorVersion", NEW."proposedById", NEW."proposedAt",
          NEW."requiredCapacities")
         IS DISTINCT FROM (OLD."snapshot", OLD."snapshotSha256", OLD."estimatorVersion", OLD."proposedById",
          OLD."proposedAt", OLD."requiredCapacities") THEN
    RAISE EXCEPTION 'Decision %: its frozen snapshot cannot change', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."status" IN ('ACCEPTED', 'REJECTED', 'SUPERSEDED')
     AND (NEW."acceptedAt", NEW."rejectedAt", NEW."supersedesId")
         IS DISTINCT FROM (OLD."acceptedAt", OLD."rejectedAt", OLD."supersedesId") THEN
    RAISE EXCEPTION 'Decision %: a % decision cannot change', OLD."id", OLD."status"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."status" IN ('REJECTED', 'SUPERSEDED') AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'Decision %: a % decision cannot change', OLD."id", OLD."status"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Decision_guard" BEFORE UPDATE OR DELETE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION "decision_guard"();

-- Sign-offs are a record: written once, never changed or removed, by anyone.
CREATE FUNCTION "sign_off_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SignOff is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "SignOff_no_update_delete" BEFORE UPDATE OR DELETE ON "SignOff"
  FOR EACH ROW EXECUTE FUNCTION "sign_off_append_only"();
CREATE TRIGGER "SignOff_no_truncate" BEFORE TRUNCATE ON "SignOff"
  FOR EACH STATEMENT EXECUTE FUNCTION "sign_off_append_only"();

-- The application's role (granted on new tables by default): sign-offs are read and appended only,
-- and decisions are never deleted (a draft is kept, like everything the trail refers to).
REVOKE UPDATE, DELETE, TRUNCATE ON "SignOff" FROM rightsize_app;
REVOKE DELETE, TRUNCATE ON "Decision" FROM rightsize_app;
