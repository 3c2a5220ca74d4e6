-- CreateIndex
CREATE INDEX "TargetLine_ownerId_idx" ON "TargetLine"("ownerId");

