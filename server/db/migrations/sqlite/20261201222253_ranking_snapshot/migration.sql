-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "ownerKind" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "topN" INTEGER NOT NULL,
    "entries" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "RankingSnapshot_unitId_periodKey_ownerKind_basis_metric_version_key" ON "RankingSnapshot"("unitId", "periodKey", "ownerKind", "basis", "metric", "version");

