-- CreateEnum
CREATE TYPE "CustomerType" AS ENUM ('ENTERPRISE', 'INDIVIDUAL', 'DEALER');

-- CreateEnum
CREATE TYPE "CustomerTier" AS ENUM ('GENERAL', 'IMPORTANT', 'CORE');

-- CreateEnum
CREATE TYPE "OwnershipStatus" AS ENUM ('PROPOSED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "CrossTerritoryStatus" AS ENUM ('OPEN', 'ACCEPTED', 'REASSIGNED', 'DISMISSED');

-- AlterTable
ALTER TABLE "SalesRecord" ADD COLUMN     "customerId" TEXT;

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "CustomerType" NOT NULL,
    "tier" "CustomerTier" NOT NULL DEFAULT 'GENERAL',
    "ownerId" TEXT NOT NULL,
    "ownerUnitId" TEXT NOT NULL,
    "ownershipStatus" "OwnershipStatus" NOT NULL DEFAULT 'PROPOSED',
    "confirmedById" TEXT,
    "confirmedBy" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "notes" TEXT,
    "lastVisitOn" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerContact" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "primary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CustomerContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrossTerritoryFlag" (
    "id" TEXT NOT NULL,
    "saleId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "sellingUnitId" TEXT NOT NULL,
    "owningUnitId" TEXT NOT NULL,
    "status" "CrossTerritoryStatus" NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrossTerritoryFlag_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "SalesRecord_customerId_idx" ON "SalesRecord"("customerId");

-- AddForeignKey
ALTER TABLE "SalesRecord" ADD CONSTRAINT "SalesRecord_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_ownerUnitId_fkey" FOREIGN KEY ("ownerUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerContact" ADD CONSTRAINT "CustomerContact_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrossTerritoryFlag" ADD CONSTRAINT "CrossTerritoryFlag_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "SalesRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrossTerritoryFlag" ADD CONSTRAINT "CrossTerritoryFlag_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrossTerritoryFlag" ADD CONSTRAINT "CrossTerritoryFlag_sellingUnitId_fkey" FOREIGN KEY ("sellingUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrossTerritoryFlag" ADD CONSTRAINT "CrossTerritoryFlag_owningUnitId_fkey" FOREIGN KEY ("owningUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

