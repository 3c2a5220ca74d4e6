-- CreateTable
CREATE TABLE "PayTermChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "effectiveFrom" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PayTermChange_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PayTermChange_effectiveFrom_idx" ON "PayTermChange"("effectiveFrom");

-- CreateIndex
CREATE INDEX "PayTermChange_personId_effectiveFrom_idx" ON "PayTermChange"("personId", "effectiveFrom");

