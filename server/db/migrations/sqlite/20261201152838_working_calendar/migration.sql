-- CreateTable
CREATE TABLE "WorkingCalendarDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "calendar" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkingCalendarDay_calendar_date_key" ON "WorkingCalendarDay"("calendar", "date");

