import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthUser, SessionResponse } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { QueuedMarksSender } from './queued-marks.sender';
import { MarkQueue, RegisterStoreService } from './register-store';

const instructor: AuthUser = {
  id: 'u1',
  email: 'zhao@trpc.test',
  fullName: '赵磊',
  role: 'instructor',
  institutionId: null,
  preferredLocale: 'en',
  timeZone: 'Asia/Shanghai',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
  emailVerified: true,
  mfaEnabled: false,
  mfaSetupRequired: false,
};

async function setup(role: AuthUser['role'] = 'instructor') {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  const backend = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthService);
  const login = auth.login({ email: 'a@b.co', password: 'x' });
  const response: SessionResponse = { accessToken: 't', expiresIn: 900, user: { ...instructor, role } };
  backend.expectOne('/api/v1/auth/login').flush(response);
  await login;
  const store = TestBed.inject(RegisterStoreService).store;
  const queue = new MarkQueue(store);
  return { backend, store, queue, sender: TestBed.inject(QueuedMarksSender) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve));

describe('QueuedMarksSender', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('sends every session’s queued marks as PATCH with previous, and keeps a conflict for the register', async () => {
    const { backend, queue, sender } = await setup();
    await queue.add('s1', 't1', 'present', null);
    await queue.add('s1', 't2', 'late', 'absent');
    await queue.add('s2', 't9', 'excused', null);

    const run = sender.sendAll();
    await tick();
    const first = backend.expectOne('/api/v1/sessions/s1/attendance/t1');
    expect(first.request.method).toBe('PATCH');
    expect(first.request.body).toEqual({ status: 'present', previous: null });
    first.flush({ traineeId: 't1', enrolmentId: 'e1', fullName: 'A', nationality: 'TH', status: 'present' });
    await tick();
    backend
      .expectOne('/api/v1/sessions/s1/attendance/t2')
      .flush(
        { type: '', title: '', status: 412, detail: '', code: 'ATTENDANCE_CHANGED', current: { traineeId: 't2' } },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await tick();
    const other = backend.expectOne('/api/v1/sessions/s2/attendance/t9');
    expect(other.request.body).toEqual({ status: 'excused', previous: null });
    other.flush({ traineeId: 't9', enrolmentId: 'e9', fullName: 'C', nationality: 'TH', status: 'excused' });
    await run;

    expect((await queue.list('s1')).map((m) => m.traineeId)).toEqual(['t2']);
    expect(await queue.list('s2')).toEqual([]);
  });

  it('stops at the first network failure, and sends nothing for a trainee or partner', async () => {
    const { backend, queue, sender } = await setup();
    await queue.add('s1', 't1', 'present', null);
    await queue.add('s1', 't2', 'present', null);
    const run = sender.sendAll();
    await tick();
    backend.expectOne('/api/v1/sessions/s1/attendance/t1').error(new ProgressEvent('error'), { status: 0 });
    await run;
    backend.expectNone('/api/v1/sessions/s1/attendance/t2');
    expect(await queue.list('s1')).toHaveLength(2);

    TestBed.resetTestingModule();
    const trainee = await setup('trainee');
    await trainee.queue.add('s1', 't1', 'present', null);
    await trainee.sender.sendAll();
    trainee.backend.expectNone(() => true);
  });
});
