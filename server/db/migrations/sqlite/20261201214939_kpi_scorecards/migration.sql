-- CreateTable
CREATE TABLE "KpiIndicatorSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gradeBands" TEXT NOT NULL,
    "commentBelowPercent" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KpiIndicator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "setId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "weightBp" INTEGER NOT NULL,
    "computation" TEXT,
    "fullMarksAt" TEXT,
    "maxScore" INTEGER,
    CONSTRAINT "KpiIndicator_setId_fkey" FOREIGN KEY ("setId") REFERENCES "KpiIndicatorSet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Scorecard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "unitId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "setName" TEXT NOT NULL,
    "gradeBands" TEXT NOT NULL,
    "commentBelowPercent" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "total" TEXT,
    "grade" TEXT,
    "submittedById" TEXT,
    "submittedAt" DATETIME,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Scorecard_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Scorecard_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScorecardLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scorecardId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "weightBp" INTEGER NOT NULL,
    "computation" TEXT,
    "fullMarksAt" TEXT,
    "maxScore" INTEGER,
    "actual" BIGINT,
    "basis" BIGINT,
    "score" INTEGER,
    "comment" TEXT,
    CONSTRAINT "ScorecardLine_scorecardId_fkey" FOREIGN KEY ("scorecardId") REFERENCES "Scorecard" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScorecardEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scorecardId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "comment" TEXT,
    CONSTRAINT "ScorecardEvent_scorecardId_fkey" FOREIGN KEY ("scorecardId") REFERENCES "Scorecard" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

