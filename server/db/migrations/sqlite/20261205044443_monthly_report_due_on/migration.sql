-- AlterTable
ALTER TABLE "MonthlyReport" ADD COLUMN "dueOn" DATETIME;

