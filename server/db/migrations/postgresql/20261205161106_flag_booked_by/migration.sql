-- AlterTable
ALTER TABLE "CrossTerritoryFlag" ADD COLUMN     "bookedById" TEXT;

-- AddForeignKey
ALTER TABLE "CrossTerritoryFlag" ADD CONSTRAINT "CrossTerritoryFlag_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Flags not reassigned still have their sale booked to the person it was booked to when flagged.
UPDATE "CrossTerritoryFlag" SET "bookedById" = (SELECT s."personId" FROM "SalesRecord" s WHERE s."id" = "CrossTerritoryFlag"."saleId") WHERE "status" <> 'REASSIGNED';
