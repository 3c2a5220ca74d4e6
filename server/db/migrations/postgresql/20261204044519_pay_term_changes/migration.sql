-- CreateEnum
CREATE TYPE "PayTerm" AS ENUM ('RANK', 'BASE_SALARY');

-- CreateTable
CREATE TABLE "PayTermChange" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "term" "PayTerm" NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayTermChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PayTermChange_effectiveFrom_idx" ON "PayTermChange"("effectiveFrom");

-- CreateIndex
CREATE INDEX "PayTermChange_personId_effectiveFrom_idx" ON "PayTermChange"("personId", "effectiveFrom");

-- AddForeignKey
ALTER TABLE "PayTermChange" ADD CONSTRAINT "PayTermChange_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

