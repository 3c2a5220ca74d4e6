-- CreateEnum
CREATE TYPE "KpiRole" AS ENUM ('REP', 'MANAGER');

-- CreateEnum
CREATE TYPE "KpiGroup" AS ENUM ('SALES', 'PLANNING', 'PROCESS', 'ADMIN', 'ATTITUDE');

-- CreateEnum
CREATE TYPE "KpiComputation" AS ENUM ('SALES_ACHIEVEMENT', 'TEAM_SALES_ACHIEVEMENT', 'COLLECTION_RATE', 'NEW_CUSTOMERS');

-- CreateEnum
CREATE TYPE "KpiGrade" AS ENUM ('EXCELLENT', 'GOOD', 'PASS', 'FAIL');

-- CreateEnum
CREATE TYPE "ScorecardStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED');

-- CreateTable
CREATE TABLE "KpiIndicatorSet" (
    "id" TEXT NOT NULL,
    "role" "KpiRole" NOT NULL,
    "name" TEXT NOT NULL,
    "gradeBands" TEXT NOT NULL,
    "commentBelowPercent" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiIndicatorSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiIndicator" (
    "id" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" "KpiGroup" NOT NULL,
    "weightBp" INTEGER NOT NULL,
    "computation" "KpiComputation",
    "fullMarksAt" TEXT,
    "maxScore" INTEGER,

    CONSTRAINT "KpiIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scorecard" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "unitId" TEXT NOT NULL,
    "role" "KpiRole" NOT NULL,
    "setName" TEXT NOT NULL,
    "gradeBands" TEXT NOT NULL,
    "commentBelowPercent" INTEGER NOT NULL,
    "status" "ScorecardStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "total" TEXT,
    "grade" "KpiGrade",
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scorecard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScorecardLine" (
    "id" TEXT NOT NULL,
    "scorecardId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" "KpiGroup" NOT NULL,
    "weightBp" INTEGER NOT NULL,
    "computation" "KpiComputation",
    "fullMarksAt" TEXT,
    "maxScore" INTEGER,
    "actual" BIGINT,
    "basis" BIGINT,
    "score" INTEGER,
    "comment" TEXT,

    CONSTRAINT "ScorecardLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScorecardEvent" (
    "id" TEXT NOT NULL,
    "scorecardId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" "ScorecardStatus",
    "toStatus" "ScorecardStatus" NOT NULL,
    "comment" TEXT,

    CONSTRAINT "ScorecardEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KpiIndicatorSet_role_key" ON "KpiIndicatorSet"("role");

-- CreateIndex
CREATE UNIQUE INDEX "KpiIndicator_setId_code_key" ON "KpiIndicator"("setId", "code");

-- CreateIndex
CREATE INDEX "Scorecard_unitId_periodKey_idx" ON "Scorecard"("unitId", "periodKey");

-- CreateIndex
CREATE INDEX "Scorecard_personId_periodEnd_idx" ON "Scorecard"("personId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "Scorecard_personId_periodKey_key" ON "Scorecard"("personId", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "ScorecardLine_scorecardId_code_key" ON "ScorecardLine"("scorecardId", "code");

-- CreateIndex
CREATE INDEX "ScorecardEvent_scorecardId_at_idx" ON "ScorecardEvent"("scorecardId", "at");

-- AddForeignKey
ALTER TABLE "KpiIndicator" ADD CONSTRAINT "KpiIndicator_setId_fkey" FOREIGN KEY ("setId") REFERENCES "KpiIndicatorSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScorecardLine" ADD CONSTRAINT "ScorecardLine_scorecardId_fkey" FOREIGN KEY ("scorecardId") REFERENCES "Scorecard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScorecardEvent" ADD CONSTRAINT "ScorecardEvent_scorecardId_fkey" FOREIGN KEY ("scorecardId") REFERENCES "Scorecard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

