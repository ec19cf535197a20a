import type { InstitutionKind, LocalizedText } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Institution } from '@skillbridge/api/modules/institutions/institution.entity';

export interface InstitutionOverrides {
  code?: string;
  name?: LocalizedText;
  kind?: InstitutionKind;
  country?: Institution['country'];
}

/** A partner institution unless told otherwise; the code is unique per call. */
export async function createInstitution(
  dataSource: DataSource,
  overrides: InstitutionOverrides = {},
): Promise<Institution> {
  const repository = dataSource.getRepository(Institution);
  return repository.save(
    repository.create({
      code: overrides.code ?? `INST-${randomBytes(4).toString('hex').toUpperCase()}`,
      name: overrides.name ?? { en: 'Suranaree University of Technology', th: 'มหาวิทยาลัยเทคโนโลยีสุรนารี' },
      kind: overrides.kind ?? 'partner',
      country: overrides.country ?? 'TH',
    }),
  );
}
