import type { AttendanceLine, AttendanceSheet } from '@skillbridge/contracts';
import { deserialize, serialize } from 'node:v8';

// jsdom leaves out structuredClone, which IndexedDB (and fake-indexeddb) clone every value with; Node's has it.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import {
  IdbRegisterStore,
  MarkQueue,
  MemoryRegisterStore,
  type QueuedMark,
  type RegisterStore,
  type SendOutcome,
} from './register-store';

const line = (traineeId: string, status: AttendanceLine['status']): AttendanceLine => ({
  traineeId,
  enrolmentId: `e-${traineeId}`,
  fullName: traineeId,
  nationality: 'TH',
  status,
});

/** A clock that moves a second per call, so the queue's order is the taps' order. */
function ticking(): () => Date {
  let t = Date.parse('2025-03-04T01:00:00Z');
  return () => new Date((t += 1000));
}

/** The same behaviour from the IndexedDB store (fake-indexeddb, a spec-conformant implementation) and the memory one. */
const stores: [string, () => RegisterStore][] = [
  ['IndexedDB', () => new IdbRegisterStore(new IDBFactory())],
  ['memory', () => new MemoryRegisterStore()],
];

describe.each(stores)('the register store (%s)', (_name, make) => {
  it('keeps one entry per trainee and session, lists a session’s oldest first, and forgets on clear', async () => {
    const store = make();
    const mark = (sessionId: string, traineeId: string, queuedAt: string): QueuedMark => ({
      sessionId,
      traineeId,
      status: 'present',
      previous: null,
      queuedAt,
    });
    await store.put(mark('s1', 't2', '2025-03-04T01:00:02Z'));
    await store.put(mark('s1', 't1', '2025-03-04T01:00:01Z'));
    await store.put(mark('s2', 't1', '2025-03-04T01:00:00Z'));
    await store.put({ ...mark('s1', 't2', '2025-03-04T01:00:02Z'), status: 'late' });
    expect((await store.queued('s1')).map((m) => [m.traineeId, m.status])).toEqual([
      ['t1', 'present'],
      ['t2', 'late'],
    ]);
    await store.remove('s1', 't1');
    expect((await store.queued('s1')).map((m) => m.traineeId)).toEqual(['t2']);
    expect(await store.queued('s3')).toEqual([]);

    const sheet: AttendanceSheet = { sessionId: 's1', programId: 'p1', opensAt: '', version: 'v1', lines: [] };
    await store.cache({ sessionId: 's1', sheet, program: null, session: null, cachedAt: '2025-03-04T01:00:00Z' });
    expect((await store.cached('s1'))?.sheet).toEqual(sheet);
    expect(await store.cached('s2')).toBeUndefined();
    await store.clear();
    expect(await store.queued('s1')).toEqual([]);
    expect(await store.cached('s1')).toBeUndefined();
  });
});

describe('MarkQueue', () => {
  it('keeps the last tap per trainee over the mark the server had, and nothing when tapped back to it', async () => {
    const queue = new MarkQueue(new IdbRegisterStore(new IDBFactory()), ticking());
    await queue.add('s1', 't1', 'present', null);
    await queue.add('s1', 't2', 'late', 'present');
    await queue.add('s1', 't1', 'late', 'present'); // the screen shows present now; the server still has none
    expect(
      (await queue.list('s1')).map(({ traineeId, status, previous }) => ({ traineeId, status, previous })),
    ).toEqual([
      { traineeId: 't1', status: 'late', previous: null },
      { traineeId: 't2', status: 'late', previous: 'present' },
    ]);
    await queue.add('s1', 't2', 'present', 'late');
    expect((await queue.list('s1')).map((m) => m.traineeId)).toEqual(['t1']);
  });

  it('sends oldest first, removes what was sent or refused, keeps conflicts, and stops at a network failure', async () => {
    const queue = new MarkQueue(new MemoryRegisterStore(), ticking());
    for (const id of ['t1', 't2', 't3', 't4', 't5']) await queue.add('s1', id, 'present', null);
    const outcomes: Record<string, SendOutcome> = {
      t1: { kind: 'sent', line: line('t1', 'present') },
      t2: { kind: 'conflict', current: line('t2', 'absent') },
      t3: { kind: 'rejected', code: 'NOT_FOUND' },
      t4: { kind: 'offline' },
      t5: { kind: 'sent', line: line('t5', 'present') },
    };
    const tried: string[] = [];
    const report = await queue.flush('s1', async (mark) => {
      tried.push(mark.traineeId);
      return outcomes[mark.traineeId];
    });
    expect(tried).toEqual(['t1', 't2', 't3', 't4']);
    expect(report.sent.map((l) => l.traineeId)).toEqual(['t1']);
    expect(report.conflicts).toEqual([
      { mark: expect.objectContaining({ traineeId: 't2', previous: null }), current: line('t2', 'absent') },
    ]);
    expect(report.rejected).toEqual([{ mark: expect.objectContaining({ traineeId: 't3' }), code: 'NOT_FOUND' }]);
    expect(report.offline).toBe(true);
    expect((await queue.list('s1')).map((m) => m.traineeId)).toEqual(['t2', 't4', 't5']);

    // "Keep mine" on the conflict: sent again over the mark the server holds now; t2 skipped while undecided.
    const again: QueuedMark[] = [];
    await queue.flush(
      's1',
      async (mark) => {
        again.push(mark);
        return { kind: 'sent', line: line(mark.traineeId, mark.status) };
      },
      new Set(['t2']),
    );
    expect(again.map((m) => m.traineeId)).toEqual(['t4', 't5']);
    const [conflict] = await queue.list('s1');
    await queue.rebase(conflict, 'absent');
    const last: QueuedMark[] = [];
    await queue.flush('s1', async (mark) => {
      last.push(mark);
      return { kind: 'sent', line: line(mark.traineeId, mark.status) };
    });
    expect(last).toEqual([expect.objectContaining({ traineeId: 't2', status: 'present', previous: 'absent' })]);
    expect(await queue.list('s1')).toEqual([]);
  });

  it('keeps a tap made while its trainee’s mark was on the way, over the mark just sent', async () => {
    const queue = new MarkQueue(new MemoryRegisterStore(), ticking());
    await queue.add('s1', 't1', 'present', null);
    await queue.flush('s1', async (mark) => {
      await queue.add('s1', 't1', 'late', null); // a tap during the request
      return { kind: 'sent', line: line('t1', mark.status) };
    });
    expect(await queue.list('s1')).toEqual([
      expect.objectContaining({ traineeId: 't1', status: 'late', previous: 'present' }),
    ]);
  });
});

describe('the app’s sending lane', () => {
  it('lists the sessions with queued marks, and runs one session’s sends one after the other', async () => {
    const store = new MemoryRegisterStore();
    const queue = new MarkQueue(store, ticking());
    await queue.add('s1', 't1', 'present', null);
    await queue.add('s2', 't1', 'late', null);
    expect((await store.sessions()).sort()).toEqual(['s1', 's2']);
    expect(await new IdbRegisterStore(new IDBFactory()).sessions()).toEqual([]);

    const { RegisterStoreService } = await import('./register-store');
    const lanes = new RegisterStoreService();
    const sent: string[] = [];
    const send = async (mark: QueuedMark): Promise<SendOutcome> => {
      sent.push(mark.traineeId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { kind: 'sent', line: line(mark.traineeId, mark.status) };
    };
    // The page and the app's sender both flush s1 at once: the mark goes once.
    await Promise.all([
      lanes.exclusive('s1', () => queue.flush('s1', send)),
      lanes.exclusive('s1', () => queue.flush('s1', send)),
    ]);
    expect(sent).toEqual(['t1']);
    // A mark kept for the register page stays queued.
    await queue.flush('s2', async () => ({ kind: 'kept' }));
    expect((await queue.list('s2')).map((m) => m.traineeId)).toEqual(['t1']);
  });
});
