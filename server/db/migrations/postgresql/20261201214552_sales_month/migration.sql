-- CreateTable
CREATE TABLE "SalesMonth" (
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "amountFen1" BIGINT NOT NULL DEFAULT 0,
    "amountFen2" BIGINT NOT NULL DEFAULT 0,
    "amountFen3" BIGINT NOT NULL DEFAULT 0,
    "amountFen4" BIGINT NOT NULL DEFAULT 0,
    "units1" INTEGER NOT NULL DEFAULT 0,
    "units2" INTEGER NOT NULL DEFAULT 0,
    "units3" INTEGER NOT NULL DEFAULT 0,
    "units4" INTEGER NOT NULL DEFAULT 0,
    "newCustomers1" INTEGER NOT NULL DEFAULT 0,
    "newCustomers2" INTEGER NOT NULL DEFAULT 0,
    "newCustomers3" INTEGER NOT NULL DEFAULT 0,
    "newCustomers4" INTEGER NOT NULL DEFAULT 0,
    "collectedFen1" BIGINT NOT NULL DEFAULT 0,
    "collectedFen2" BIGINT NOT NULL DEFAULT 0,
    "collectedFen3" BIGINT NOT NULL DEFAULT 0,
    "collectedFen4" BIGINT NOT NULL DEFAULT 0,
    "marginFen1" BIGINT NOT NULL DEFAULT 0,
    "marginFen2" BIGINT NOT NULL DEFAULT 0,
    "marginFen3" BIGINT NOT NULL DEFAULT 0,
    "marginFen4" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SalesMonth_pkey" PRIMARY KEY ("personId","unitId","month")
);

-- CreateIndex
CREATE INDEX "SalesMonth_month_idx" ON "SalesMonth"("month");

