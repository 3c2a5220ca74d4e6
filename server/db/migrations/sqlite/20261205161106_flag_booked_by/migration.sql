-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CrossTerritoryFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "saleId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "bookedById" TEXT,
    "sellingUnitId" TEXT NOT NULL,
    "owningUnitId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CrossTerritoryFlag_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "SalesRecord" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CrossTerritoryFlag_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CrossTerritoryFlag_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CrossTerritoryFlag_sellingUnitId_fkey" FOREIGN KEY ("sellingUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CrossTerritoryFlag_owningUnitId_fkey" FOREIGN KEY ("owningUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CrossTerritoryFlag" ("comment", "createdAt", "customerId", "decidedAt", "decidedBy", "decidedById", "id", "owningUnitId", "saleId", "sellingUnitId", "status") SELECT "comment", "createdAt", "customerId", "decidedAt", "decidedBy", "decidedById", "id", "owningUnitId", "saleId", "sellingUnitId", "status" FROM "CrossTerritoryFlag";
DROP TABLE "CrossTerritoryFlag";
ALTER TABLE "new_CrossTerritoryFlag" RENAME TO "CrossTerritoryFlag";
CREATE UNIQUE INDEX "CrossTerritoryFlag_saleId_key" ON "CrossTerritoryFlag"("saleId");
CREATE INDEX "CrossTerritoryFlag_status_idx" ON "CrossTerritoryFlag"("status");
CREATE INDEX "CrossTerritoryFlag_sellingUnitId_idx" ON "CrossTerritoryFlag"("sellingUnitId");
CREATE INDEX "CrossTerritoryFlag_owningUnitId_idx" ON "CrossTerritoryFlag"("owningUnitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Flags not reassigned still have their sale booked to the person it was booked to when flagged.
UPDATE "CrossTerritoryFlag" SET "bookedById" = (SELECT s."personId" FROM "SalesRecord" s WHERE s."id" = "CrossTerritoryFlag"."saleId") WHERE "status" <> 'REASSIGNED';
