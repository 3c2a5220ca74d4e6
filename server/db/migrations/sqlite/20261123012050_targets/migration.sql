-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PeriodLock" (
    "periodKey" TEXT NOT NULL PRIMARY KEY,
    "lockedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedById" TEXT,
    "reason" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SalesRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "customer" TEXT,
    "newCustomer" BOOLEAN NOT NULL DEFAULT false,
    "collectedFen" BIGINT NOT NULL DEFAULT 0,
    "marginFen" BIGINT NOT NULL DEFAULT 0,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SalesRecord_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "scopeUnitId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "periodLevel" TEXT NOT NULL,
    "ownerKind" TEXT NOT NULL,
    "total" BIGINT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TargetPlan_scopeUnitId_fkey" FOREIGN KEY ("scopeUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "ownerKind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "TargetLine_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TargetPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "comment" TEXT,
    CONSTRAINT "PlanEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TargetPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SalesRecord_externalId_key" ON "SalesRecord"("externalId");

-- CreateIndex
CREATE INDEX "SalesRecord_personId_date_idx" ON "SalesRecord"("personId", "date");

-- CreateIndex
CREATE INDEX "SalesRecord_unitId_date_idx" ON "SalesRecord"("unitId", "date");

-- CreateIndex
CREATE INDEX "SalesRecord_date_idx" ON "SalesRecord"("date");

-- CreateIndex
CREATE INDEX "TargetPlan_scopeUnitId_year_idx" ON "TargetPlan"("scopeUnitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "TargetPlan_year_metric_level_scopeUnitId_version_key" ON "TargetPlan"("year", "metric", "level", "scopeUnitId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "TargetLine_planId_ownerId_periodKey_key" ON "TargetLine"("planId", "ownerId", "periodKey");

-- CreateIndex
CREATE INDEX "PlanEvent_planId_at_idx" ON "PlanEvent"("planId", "at");

