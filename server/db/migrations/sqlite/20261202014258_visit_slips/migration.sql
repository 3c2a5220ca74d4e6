-- CreateTable
CREATE TABLE "VisitSlip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "customerId" TEXT,
    "contactPerson" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "plannedOut" DATETIME NOT NULL,
    "plannedBack" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'REQUESTED',
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "decisionComment" TEXT,
    "checkKind" TEXT,
    "checkOk" BOOLEAN,
    "checkResult" TEXT,
    "checkedById" TEXT,
    "checkedBy" TEXT,
    "checkedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VisitSlip_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "VisitSlip_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "VisitSlip_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VisitSlip_personId_plannedOut_idx" ON "VisitSlip"("personId", "plannedOut");

-- CreateIndex
CREATE INDEX "VisitSlip_unitId_plannedOut_idx" ON "VisitSlip"("unitId", "plannedOut");

-- CreateIndex
CREATE INDEX "VisitSlip_status_idx" ON "VisitSlip"("status");

