-- CreateTable
CREATE TABLE "SeasonalityProfile" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "monthPercents" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);


-- Built-in profiles (data)
INSERT INTO "SeasonalityProfile" ("code", "name", "monthPercents", "createdAt", "updatedAt") VALUES
  ('TRADE_SEASONS', '淡旺季 Low and high seasons', '["7","4","7","8","8","8","7","7","9","10","12","13"]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
  ('QUARTER_END', '季末冲刺 Quarter-end push', '["6.25","7.5","11.25","6.25","7.5","11.25","6.25","7.5","11.25","6.25","7.5","11.25"]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
