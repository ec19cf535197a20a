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
