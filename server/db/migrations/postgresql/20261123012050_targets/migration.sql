-- CreateEnum
CREATE TYPE "Metric" AS ENUM ('SALES_AMOUNT', 'UNITS', 'NEW_CUSTOMERS', 'COLLECTIONS', 'GROSS_MARGIN');

-- CreateEnum
CREATE TYPE "TargetLevel" AS ENUM ('BASE', 'STRETCH');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED', 'LOCKED');

-- CreateEnum
CREATE TYPE "OwnerKind" AS ENUM ('UNIT', 'PERSON');

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PeriodLock" (
    "periodKey" TEXT NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedById" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "PeriodLock_pkey" PRIMARY KEY ("periodKey")
);

-- CreateTable
CREATE TABLE "SalesRecord" (
    "id" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "customer" TEXT,
    "newCustomer" BOOLEAN NOT NULL DEFAULT false,
    "collectedFen" BIGINT NOT NULL DEFAULT 0,
    "marginFen" BIGINT NOT NULL DEFAULT 0,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SalesRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetPlan" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "metric" "Metric" NOT NULL,
    "level" "TargetLevel" NOT NULL,
    "scopeUnitId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "periodLevel" TEXT NOT NULL,
    "ownerKind" "OwnerKind" NOT NULL,
    "total" BIGINT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TargetPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetLine" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "ownerKind" "OwnerKind" NOT NULL,
    "ownerId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "TargetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanEvent" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" "PlanStatus",
    "toStatus" "PlanStatus" NOT NULL,
    "comment" TEXT,

    CONSTRAINT "PlanEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "SalesRecord" ADD CONSTRAINT "SalesRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesRecord" ADD CONSTRAINT "SalesRecord_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetPlan" ADD CONSTRAINT "TargetPlan_scopeUnitId_fkey" FOREIGN KEY ("scopeUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetLine" ADD CONSTRAINT "TargetLine_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TargetPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEvent" ADD CONSTRAINT "PlanEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TargetPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

