import type { CreateProgramRequest, LogisticsGender, Program } from '@skillbridge/contracts';
import type { Cast } from '../factories/accounts';
import { createProgram } from '../factories/programs';
import { insertTrainees } from '../factories/trainees';
import { api, type TestApp } from './test-app';

/** The columns of `enrolment_logistics` the rooms and manifests read. */
export interface LogisticsRow {
  gender?: LogisticsGender | null;
  arrivalAt?: string | null;
  arrivalCarrier?: string | null;
  arrivalNumber?: string | null;
  arrivalPoint?: string | null;
  departureAt?: string | null;
  departureCarrier?: string | null;
  departureNumber?: string | null;
  departurePoint?: string | null;
}

const COLUMNS: Record<keyof LogisticsRow, string> = {
  gender: 'gender',
  arrivalAt: 'arrival_at',
  arrivalCarrier: 'arrival_carrier',
  arrivalNumber: 'arrival_number',
  arrivalPoint: 'arrival_point',
  departureAt: 'departure_at',
  departureCarrier: 'departure_carrier',
  departureNumber: 'departure_number',
  departurePoint: 'departure_point',
};

/**
 * STAND-IN for `PUT /enrolments/:id/logistics` (built on another branch):
 * writes a trainee's gender and travel straight into `enrolment_logistics`
 * with SQL, upserting only the fields given. Swap its body for that request
 * once the route exists; the tests that call it need not change.
 */
export async function writeLogisticsWithSql(t: TestApp, enrolmentId: string, row: LogisticsRow): Promise<void> {
  const keys = Object.keys(row) as (keyof LogisticsRow)[];
  const columns = keys.map((k) => COLUMNS[k]);
  const values = keys.map((k) => row[k] ?? null);
  await t.dataSource.query(
    `INSERT INTO enrolment_logistics (enrolment_id${columns.map((c) => `, ${c}`).join('')})
     VALUES ($1${keys.map((_, i) => `, $${i + 2}`).join('')})
     ON CONFLICT (enrolment_id) DO UPDATE SET updated_at = now()${columns.map((c) => `, ${c} = EXCLUDED.${c}`).join('')}`,
    [enrolmentId, ...values],
  );
}

/** A published on-site camp of the cast's host (Asia/Shanghai unless told otherwise). */
export function createCamp(t: TestApp, cast: Cast, overrides: Partial<CreateProgramRequest> = {}): Promise<Program> {
  return createProgram(
    t,
    cast.admin.auth,
    cast.host,
    {
      kind: 'camp',
      deliveryMode: 'onsite',
      venue: 'Tongren Polytechnic College',
      meetingUrl: undefined,
      startDate: '2027-03-04',
      endDate: '2027-03-17',
      capacity: 100,
      ...overrides,
    },
    { publish: true },
  );
}

/** Enrols each trainee (by the admin: a confirmed seat), returning the enrolment ids in order. */
export async function enrolConfirmed(
  t: TestApp,
  cast: Cast,
  programId: string,
  traineeIds: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const traineeId of traineeIds) {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId });
    if (res.status !== 201 || res.body.status !== 'confirmed') {
      throw new Error(`enrolment not confirmed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    ids.push(res.body.id);
  }
  return ids;
}

/** `count` fresh trainees (names `ผู้เข้าอบรม n` / `Trainee n`) confirmed in the program. */
export async function confirmedTrainees(
  t: TestApp,
  cast: Cast,
  programId: string,
  count: number,
  options: Parameters<typeof insertTrainees>[2] = {},
): Promise<string[]> {
  const traineeIds = await insertTrainees(t.dataSource, count, { institutionId: cast.partnerA.id, ...options });
  return enrolConfirmed(t, cast, programId, traineeIds);
}
