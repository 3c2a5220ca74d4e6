-- CreateTable
CREATE TABLE "RankingAdjustmentProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "place" INTEGER NOT NULL,
    "ranked" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RankingAdjustmentProposal_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "RankingSnapshot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RankingAdjustmentProposal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PayAdjustment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rankingProposalId" TEXT,
    CONSTRAINT "PayAdjustment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PayAdjustment_rankingProposalId_fkey" FOREIGN KEY ("rankingProposalId") REFERENCES "RankingAdjustmentProposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_PayAdjustment" ("amountFen", "approvedBy", "createdAt", "createdById", "id", "month", "personId", "reason") SELECT "amountFen", "approvedBy", "createdAt", "createdById", "id", "month", "personId", "reason" FROM "PayAdjustment";
DROP TABLE "PayAdjustment";
ALTER TABLE "new_PayAdjustment" RENAME TO "PayAdjustment";
CREATE UNIQUE INDEX "PayAdjustment_rankingProposalId_key" ON "PayAdjustment"("rankingProposalId");
CREATE INDEX "PayAdjustment_personId_month_idx" ON "PayAdjustment"("personId", "month");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RankingAdjustmentProposal_month_status_idx" ON "RankingAdjustmentProposal"("month", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RankingAdjustmentProposal_snapshotId_personId_kind_key" ON "RankingAdjustmentProposal"("snapshotId", "personId", "kind");

