-- CreateEnum
CREATE TYPE "ExpenseCategory" AS ENUM ('ADVERTISING', 'PROMOTION', 'CHANNEL', 'TRAVEL', 'OFFICE', 'OTHER');

-- CreateTable
CREATE TABLE "UnitExpense" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "category" "ExpenseCategory" NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitExpense_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitExpense_month_idx" ON "UnitExpense"("month");

-- CreateIndex
CREATE UNIQUE INDEX "UnitExpense_unitId_month_category_key" ON "UnitExpense"("unitId", "month", "category");

-- AddForeignKey
ALTER TABLE "UnitExpense" ADD CONSTRAINT "UnitExpense_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

