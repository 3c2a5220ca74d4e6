-- CreateTable
CREATE TABLE "ServedUnit" (
    "userId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServedUnit_pkey" PRIMARY KEY ("userId","unitId")
);

-- CreateIndex
CREATE INDEX "ServedUnit_unitId_idx" ON "ServedUnit"("unitId");

-- AddForeignKey
ALTER TABLE "ServedUnit" ADD CONSTRAINT "ServedUnit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServedUnit" ADD CONSTRAINT "ServedUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

