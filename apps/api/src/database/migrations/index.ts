// Maintained by `npm run migration:generate`: every migration, oldest first.
import { InitialSchema1795300812925 } from './1795300812925-initial-schema';

export const MIGRATIONS = [
  InitialSchema1795300812925,
];
