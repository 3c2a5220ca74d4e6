-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'WORKDAY');

-- CreateTable
CREATE TABLE "WorkingCalendarDay" (
    "id" TEXT NOT NULL,
    "calendar" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkingCalendarDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkingCalendarDay_calendar_date_key" ON "WorkingCalendarDay"("calendar", "date");

