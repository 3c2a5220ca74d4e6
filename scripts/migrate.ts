// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded SQLite file).
import { migrate } from '../server/db/migrate.ts';

const result = await migrate();
console.log(
  result.applied.length
    ? `db:migrate: applied ${result.applied.join(', ')}`
    : `db:migrate: up to date (${result.alreadyApplied.length} migrations already applied)`,
);
