-- Built-in seasonality profiles were seeded with bilingual names ('淡旺季 Low and high seasons'), so a zh-CN
-- user read English in the profile picker and on the Seasonality sheet. Their names are data in one language,
-- as schema/seasonality.ts BUILT_IN_PROFILES has them. Data only; a name someone has changed is left alone.
UPDATE "SeasonalityProfile" SET "name" = '淡旺季', "updatedAt" = CURRENT_TIMESTAMP
  WHERE "code" = 'TRADE_SEASONS' AND "name" = '淡旺季 Low and high seasons';
UPDATE "SeasonalityProfile" SET "name" = '季末冲刺', "updatedAt" = CURRENT_TIMESTAMP
  WHERE "code" = 'QUARTER_END' AND "name" = '季末冲刺 Quarter-end push';
