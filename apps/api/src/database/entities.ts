import { Institution } from '../modules/institutions/institution.entity';

/** Every entity of the schema; the data source and the drift check use this list. */
export const ENTITIES = [Institution];
