-- CreateEnum
CREATE TYPE "VisitSlipStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED', 'CHECKED');

-- CreateEnum
CREATE TYPE "VisitCheckKind" AS ENUM ('SPOT', 'FULL');

-- CreateTable
CREATE TABLE "VisitSlip" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "customerId" TEXT,
    "contactPerson" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "plannedOut" TIMESTAMP(3) NOT NULL,
    "plannedBack" TIMESTAMP(3) NOT NULL,
    "status" "VisitSlipStatus" NOT NULL DEFAULT 'REQUESTED',
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "checkKind" "VisitCheckKind",
    "checkOk" BOOLEAN,
    "checkResult" TEXT,
    "checkedById" TEXT,
    "checkedBy" TEXT,
    "checkedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitSlip_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VisitSlip_personId_plannedOut_idx" ON "VisitSlip"("personId", "plannedOut");

-- CreateIndex
CREATE INDEX "VisitSlip_unitId_plannedOut_idx" ON "VisitSlip"("unitId", "plannedOut");

-- CreateIndex
CREATE INDEX "VisitSlip_status_idx" ON "VisitSlip"("status");

-- AddForeignKey
ALTER TABLE "VisitSlip" ADD CONSTRAINT "VisitSlip_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitSlip" ADD CONSTRAINT "VisitSlip_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitSlip" ADD CONSTRAINT "VisitSlip_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

