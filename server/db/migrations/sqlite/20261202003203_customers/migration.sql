-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tier" TEXT NOT NULL DEFAULT 'GENERAL',
    "ownerId" TEXT NOT NULL,
    "ownerUnitId" TEXT NOT NULL,
    "ownershipStatus" TEXT NOT NULL DEFAULT 'PROPOSED',
    "confirmedById" TEXT,
    "confirmedBy" TEXT,
    "confirmedAt" DATETIME,
    "notes" TEXT,
    "lastVisitOn" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Customer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Customer_ownerUnitId_fkey" FOREIGN KEY ("ownerUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CustomerContact_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrossTerritoryFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "saleId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
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
    CONSTRAINT "CrossTerritoryFlag_sellingUnitId_fkey" FOREIGN KEY ("sellingUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CrossTerritoryFlag_owningUnitId_fkey" FOREIGN KEY ("owningUnitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SalesRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "customer" TEXT,
    "customerId" TEXT,
    "newCustomer" BOOLEAN NOT NULL DEFAULT false,
    "collectedFen" BIGINT NOT NULL DEFAULT 0,
    "marginFen" BIGINT NOT NULL DEFAULT 0,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SalesRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SalesRecord_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SalesRecord_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SalesRecord" ("amountFen", "collectedFen", "customer", "date", "externalId", "id", "importedAt", "marginFen", "newCustomer", "personId", "unitId", "units") SELECT "amountFen", "collectedFen", "customer", "date", "externalId", "id", "importedAt", "marginFen", "newCustomer", "personId", "unitId", "units" FROM "SalesRecord";
DROP TABLE "SalesRecord";
ALTER TABLE "new_SalesRecord" RENAME TO "SalesRecord";
CREATE UNIQUE INDEX "SalesRecord_externalId_key" ON "SalesRecord"("externalId");
CREATE INDEX "SalesRecord_personId_date_idx" ON "SalesRecord"("personId", "date");
CREATE INDEX "SalesRecord_customerId_idx" ON "SalesRecord"("customerId");
CREATE INDEX "SalesRecord_unitId_date_idx" ON "SalesRecord"("unitId", "date");
CREATE INDEX "SalesRecord_date_idx" ON "SalesRecord"("date");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Customer_code_key" ON "Customer"("code");

-- CreateIndex
CREATE INDEX "Customer_ownerId_idx" ON "Customer"("ownerId");

-- CreateIndex
CREATE INDEX "Customer_ownerUnitId_idx" ON "Customer"("ownerUnitId");

-- CreateIndex
CREATE INDEX "Customer_name_idx" ON "Customer"("name");

-- CreateIndex
CREATE INDEX "CustomerContact_customerId_idx" ON "CustomerContact"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CrossTerritoryFlag_saleId_key" ON "CrossTerritoryFlag"("saleId");

-- CreateIndex
CREATE INDEX "CrossTerritoryFlag_status_idx" ON "CrossTerritoryFlag"("status");

-- CreateIndex
CREATE INDEX "CrossTerritoryFlag_sellingUnitId_idx" ON "CrossTerritoryFlag"("sellingUnitId");

-- CreateIndex
CREATE INDEX "CrossTerritoryFlag_owningUnitId_idx" ON "CrossTerritoryFlag"("owningUnitId");

