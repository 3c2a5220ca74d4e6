-- AlterTable
ALTER TABLE "MonthlyReport" ADD COLUMN     "dueOn" TIMESTAMP(3);

