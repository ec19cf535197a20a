import type { PassportDetails } from '@skillbridge/contracts';
import { SecretBox } from '@skillbridge/api/common/crypto/secret-box';
import { sealPassport } from '@skillbridge/api/modules/logistics/sealed-details';
import type { Cast } from '../factories/accounts';
import { createPartnerAProgram } from '../factories/enrolments';
import { api, TEST_DATA_KEY, type TestApp } from './test-app';

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

/** A passport of a Thai trainee, for set-ups. */
export const SAMPLE_PASSPORT: PassportDetails = {
  number: 'AA1234567',
  fullNameAsInPassport: 'SOMCHAI JAIDEE',
  nationality: 'TH',
  dateOfBirth: '2001-03-04',
  expiresOn: '2031-03-03',
};

const letters = new WeakMap<TestApp, Promise<{ enrolmentId: string; reference: string }>>();

/**
 * For the suites that call every route (the authorization matrix, the
 * OpenAPI contract): the cast's trainee confirmed in a fresh program of
 * partner A, with passport data, and their letter issued once — made once per
 * app.
 */
export function letterFixture(t: TestApp, cast: Cast): Promise<{ enrolmentId: string; reference: string }> {
  let made = letters.get(t);
  if (!made) {
    made = (async () => {
      const program = await createPartnerAProgram(t, cast);
      const enrolled = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: cast.trainee.user.traineeId });
      if (enrolled.status !== 201 || enrolled.body.status !== 'confirmed')
        throw new Error(`enrolment failed: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
      const enrolmentId = enrolled.body.id as string;
      await writeSealedPassport(t, enrolmentId, SAMPLE_PASSPORT);
      const letter = await t.http.get(api(`/enrolments/${enrolmentId}/invitation-letter.pdf`)).set(cast.admin.auth);
      const reference = /filename="([^"]+)\.pdf"/.exec(String(letter.headers['content-disposition']))?.[1];
      if (letter.status !== 200 || !reference) throw new Error(`no letter: ${letter.status}`);
      return { enrolmentId, reference };
    })();
    letters.set(t, made);
  }
  return made;
}
