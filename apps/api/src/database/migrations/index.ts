// Maintained by `npm run migration:generate`: every migration, oldest first.
import { InitialSchema1795300812925 } from './1795300812925-initial-schema';
import { AddIdentity1795302526699 } from './1795302526699-add-identity';

export const MIGRATIONS = [
  InitialSchema1795300812925,
  AddIdentity1795302526699,
];
