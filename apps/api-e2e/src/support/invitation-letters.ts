import type { PassportDetails } from '@skillbridge/contracts';
import { SecretBox } from '@skillbridge/api/common/crypto/secret-box';
import { sealPassport } from '@skillbridge/api/modules/logistics/sealed-details';
import { TEST_DATA_KEY, type TestApp } from './test-app';

/**
 * Sets (or, with null, clears) an enrolment's sealed passport data straight in
 * `enrolment_logistics`, sealed as the API seals it (`sealPassport` under the
 * test apps' DATA_ENCRYPTION_KEY): the letters' tests need passport data
 * without the logistics form (`PUT /enrolments/:id/logistics`), which is
 * built apart from them.
 */
export async function writeSealedPassport(
  t: TestApp,
  enrolmentId: string,
  passport: PassportDetails | null,
): Promise<void> {
  const sealed = passport ? sealPassport(new SecretBox(TEST_DATA_KEY), passport) : null;
  await t.dataSource.query(
    `INSERT INTO enrolment_logistics (enrolment_id, passport_sealed) VALUES ($1, $2)
     ON CONFLICT (enrolment_id) DO UPDATE SET passport_sealed = EXCLUDED.passport_sealed, passport_deleted_at = NULL,
                                              updated_at = now()`,
    [enrolmentId, sealed],
  );
}

/** What the retention job does after a program: the passport data gone, the time of its deletion kept. */
export async function deleteSealedPassport(t: TestApp, enrolmentId: string): Promise<void> {
  await t.dataSource.query(
    `UPDATE enrolment_logistics SET passport_sealed = NULL, passport_deleted_at = now() WHERE enrolment_id = $1`,
    [enrolmentId],
  );
}
