import type { CreateProgramRequest, Program } from '@skillbridge/contracts';
import type { Cast } from './accounts';
import { createProgram } from './programs';
import { api, TestApp } from '../support/test-app';

/** A published program that partner A (the cast's partner institution) takes part in. */
export function createPartnerAProgram(
  t: TestApp,
  cast: Cast,
  overrides: Partial<CreateProgramRequest> = {},
): Promise<Program> {
  return createProgram(
    t,
    cast.admin.auth,
    cast.host,
    { partnerInstitutionIds: [cast.partnerA.id], ...overrides },
    { publish: true },
  );
}

/** A fresh application of the cast's trainee (partner A) to a fresh program of partner A: pending, for partner A to decide. */
export async function newApplication(t: TestApp, cast: Cast): Promise<string> {
  const program = await createPartnerAProgram(t, cast);
  const res = await t.http
    .post(api(`/programs/${program.id}/enrolments`))
    .set(cast.trainee.auth)
    .send({});
  if (res.status !== 201) throw new Error(`application failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * A fresh nomination (issue 22): partner A enrols a new trainee of its own into a fresh program of partner A whose
 * host reviews everyone — `nominated`, for the admins to accept or decline.
 */
export async function newNomination(t: TestApp, cast: Cast): Promise<string> {
  const program = await createPartnerAProgram(t, cast, { hostReview: true });
  const [traineeId] = (await t.dataSource.query(
    `INSERT INTO trainees (full_name, email, nationality, institution_id, preferred_locale)
     VALUES ('Nominee', 'nominee-' || gen_random_uuid() || '@e2e.test', 'TH', $1, 'th') RETURNING id`,
    [cast.partnerA.id],
  )) as { id: string }[];
  const res = await t.http
    .post(api(`/programs/${program.id}/enrolments`))
    .set(cast.partner.auth)
    .send({ traineeId: traineeId.id });
  if (res.status !== 201 || res.body.status !== 'nominated') {
    throw new Error(`nomination failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}
