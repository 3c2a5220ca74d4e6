-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "ownerKind" "OwnerKind" NOT NULL,
    "basis" TEXT NOT NULL,
    "metric" "Metric" NOT NULL,
    "version" INTEGER NOT NULL,
    "topN" INTEGER NOT NULL,
    "entries" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,

    CONSTRAINT "RankingSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RankingSnapshot_unitId_periodKey_ownerKind_basis_metric_ver_key" ON "RankingSnapshot"("unitId", "periodKey", "ownerKind", "basis", "metric", "version");

