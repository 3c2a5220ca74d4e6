-- CreateEnum
CREATE TYPE "RankingAdjustmentKind" AS ENUM ('REWARD', 'PENALTY');

-- CreateEnum
CREATE TYPE "RankingProposalStatus" AS ENUM ('PROPOSED', 'APPROVED', 'DISMISSED', 'SUPERSEDED');

-- AlterTable
ALTER TABLE "PayAdjustment" ADD COLUMN     "rankingProposalId" TEXT;

-- CreateTable
CREATE TABLE "RankingAdjustmentProposal" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "place" INTEGER NOT NULL,
    "ranked" INTEGER NOT NULL,
    "kind" "RankingAdjustmentKind" NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "status" "RankingProposalStatus" NOT NULL DEFAULT 'PROPOSED',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RankingAdjustmentProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RankingAdjustmentProposal_month_status_idx" ON "RankingAdjustmentProposal"("month", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RankingAdjustmentProposal_snapshotId_personId_kind_key" ON "RankingAdjustmentProposal"("snapshotId", "personId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PayAdjustment_rankingProposalId_key" ON "PayAdjustment"("rankingProposalId");

-- AddForeignKey
ALTER TABLE "RankingAdjustmentProposal" ADD CONSTRAINT "RankingAdjustmentProposal_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "RankingSnapshot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingAdjustmentProposal" ADD CONSTRAINT "RankingAdjustmentProposal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayAdjustment" ADD CONSTRAINT "PayAdjustment_rankingProposalId_fkey" FOREIGN KEY ("rankingProposalId") REFERENCES "RankingAdjustmentProposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

