/** The reasons the shared rules give for a calendar day (schema/working-calendar.ts), which the server passes on as they are. */
export const KNOWN_PROBLEM_REASONS = ['NOT_A_DATE', 'MAKEUP_DAY_NOT_ON_WEEKEND', 'NAME_REQUIRED', 'NAME_TOO_LONG', 'UNKNOWN_KIND'] as const;
