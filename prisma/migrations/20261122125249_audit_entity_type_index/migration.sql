-- CreateIndex
CREATE INDEX "AuditEvent_teamId_entityType_seq_idx" ON "AuditEvent"("teamId", "entityType", "seq");
