/**
 * Lets other requests run: long work (a payroll run's arithmetic and its
 * SQLite writes are synchronous) awaits this between slices of a few tens of
 * milliseconds, so that the event loop answers other users meanwhile.
 */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
