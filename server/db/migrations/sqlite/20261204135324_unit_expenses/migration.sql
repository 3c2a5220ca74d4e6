-- CreateTable
CREATE TABLE "UnitExpense" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UnitExpense_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UnitExpense_month_idx" ON "UnitExpense"("month");

-- CreateIndex
CREATE UNIQUE INDEX "UnitExpense_unitId_month_category_key" ON "UnitExpense"("unitId", "month", "category");

