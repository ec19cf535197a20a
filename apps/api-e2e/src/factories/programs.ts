import type { CreateProgramRequest, CreateSessionRequest, Program, Session } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import type { Institution } from '@skillbridge/api/modules/institutions/institution.entity';
import { createInstitution } from './institutions';
import { api, TestApp } from '../support/test-app';

type Auth = { Authorization: string };

export const uniqueCode = (prefix = 'PRG') => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;

/**
 * Scenario A's shape by default: a three-day online course taught from
 * China (Asia/Shanghai), 2024-09-03 to 2024-09-05.
 */
export function programBody(host: Institution, overrides: Partial<CreateProgramRequest> = {}): CreateProgramRequest {
  return {
    code: uniqueCode(),
    kind: 'course',
    title: {
      en: 'Chinese language and culture online course',
      zh: '中文与中华文化线上课程',
      th: 'หลักสูตรภาษาและวัฒนธรรมจีนออนไลน์',
    },
    summary: { en: 'Four lectures for partner universities in Thailand.' },
    deliveryMode: 'online',
    timezone: 'Asia/Shanghai',
    startDate: '2024-09-03',
    endDate: '2024-09-05',
    meetingUrl: 'https://meeting.example.edu.cn/room/4821',
    capacity: 300,
    hostInstitutionId: host.id,
    partnerInstitutionIds: [],
    completionRule: { minAttendanceRate: 0.75 },
    ...overrides,
  };
}

export async function createProgram(
  t: TestApp,
  admin: Auth,
  host: Institution,
  overrides: Partial<CreateProgramRequest> = {},
  options: { publish?: boolean } = {},
): Promise<Program> {
  const res = await t.http.post(api('/programs')).set(admin).send(programBody(host, overrides));
  if (res.status !== 201) throw new Error(`program not created: ${res.status} ${JSON.stringify(res.body)}`);
  if (!options.publish) return res.body;
  const published = await t.http.post(api(`/programs/${res.body.id}/publish`)).set(admin);
  if (published.status !== 200)
    throw new Error(`program not published: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

export async function createSession(
  t: TestApp,
  admin: Auth,
  programId: string,
  overrides: Partial<CreateSessionRequest> = {},
): Promise<Session> {
  const res = await t.http
    .post(api(`/programs/${programId}/sessions`))
    .set(admin)
    .send({
      title: { en: 'Chinese characters and Chinese culture', zh: '汉字与中华文化' },
      type: 'lecture',
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T11:00:00+08:00',
      instructorIds: [],
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`session not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createHost(t: TestApp): Promise<Institution> {
  return createInstitution(t.dataSource, {
    kind: 'host',
    country: 'CN',
    name: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' },
  });
}

export async function createGuestInstructor(
  t: TestApp,
  admin: Auth,
  institutionId: string,
  fullName = '刘洋',
): Promise<{ id: string }> {
  const res = await t.http
    .post(api('/instructors'))
    .set(admin)
    .send({ fullName, institutionId, expertise: ['Tea culture'], languages: ['zh'] });
  if (res.status !== 201) throw new Error(`instructor not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
