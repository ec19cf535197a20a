import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { EnvSchema } from '../../config/env.schema';
import { hasTranslation } from '../i18n/translator';
// Loading the application registers the validation rules of every DTO it uses.
import '../../app.module';

describe('validation messages', () => {
  it('exist in the catalogs for every rule a DTO of the API uses', () => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, ValidationMetadata[]> };
    const rules = new Set<string>();
    for (const [target, metadatas] of storage.validationMetadatas) {
      // The environment's rules speak to operators at start-up (in English), not to API callers.
      if (target === EnvSchema) continue;
      for (const metadata of metadatas) {
        if (metadata.type === 'customValidation' && metadata.name) rules.add(metadata.name);
        if (metadata.type === 'nestedValidation') rules.add('nestedValidation');
      }
    }
    const missing = [...rules].filter((rule) => !hasTranslation(`validation.${rule}`));
    expect(missing).toEqual([]);
  });
});
