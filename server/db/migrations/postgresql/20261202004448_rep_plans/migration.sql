-- CreateEnum
CREATE TYPE "RepPlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'RETURNED');

-- CreateTable
CREATE TABLE "RepPlan" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" "RepPlanStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "targetFen" BIGINT,
    "plannedFen" BIGINT NOT NULL DEFAULT 0,
    "belowTargetReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepPlanLine" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "salesFen" BIGINT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RepPlanLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepPlanEvent" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" "RepPlanStatus",
    "toStatus" "RepPlanStatus" NOT NULL,
    "comment" TEXT,

    CONSTRAINT "RepPlanEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RepPlan_unitId_month_idx" ON "RepPlan"("unitId", "month");

-- CreateIndex
CREATE INDEX "RepPlan_month_status_idx" ON "RepPlan"("month", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RepPlan_personId_month_version_key" ON "RepPlan"("personId", "month", "version");

-- CreateIndex
CREATE UNIQUE INDEX "RepPlanLine_planId_kind_key_key" ON "RepPlanLine"("planId", "kind", "key");

-- CreateIndex
CREATE INDEX "RepPlanEvent_planId_at_idx" ON "RepPlanEvent"("planId", "at");

-- AddForeignKey
ALTER TABLE "RepPlan" ADD CONSTRAINT "RepPlan_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepPlan" ADD CONSTRAINT "RepPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepPlanLine" ADD CONSTRAINT "RepPlanLine_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RepPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepPlanEvent" ADD CONSTRAINT "RepPlanEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RepPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

