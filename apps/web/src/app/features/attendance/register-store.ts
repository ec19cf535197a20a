import { Injectable } from '@angular/core';
import type { AttendanceLine, AttendanceSheet, AttendanceStatus, Program, Session } from '@skillbridge/contracts';

/**
 * A mark made on this phone and not yet sent: one per trainee (the last tap wins), with the mark it was made over
 * as the server last had it (`previous`), so sending it cannot overwrite another instructor's mark silently.
 */
export interface QueuedMark {
  sessionId: string;
  traineeId: string;
  status: AttendanceStatus | null;
  previous: AttendanceStatus | null;
  queuedAt: string;
}

/** What the page needs to open without a connection: the register as last loaded, its program and session. */
export interface CachedRegister {
  sessionId: string;
  sheet: AttendanceSheet;
  program: Program | null;
  session: Session | null;
  cachedAt: string;
}

/** Where the register page keeps its copy and its queue (IndexedDB in a browser). */
export interface RegisterStore {
  /** The sessions with queued marks. */
  sessions(): Promise<string[]>;
  queued(sessionId: string): Promise<QueuedMark[]>;
  put(mark: QueuedMark): Promise<void>;
  remove(sessionId: string, traineeId: string): Promise<void>;
  cached(sessionId: string): Promise<CachedRegister | undefined>;
  cache(entry: CachedRegister): Promise<void>;
  /** Forgets every copy and queue (signing out). */
  clear(): Promise<void>;
}

/** What a store hands back is a copy, as IndexedDB's is (the values are plain JSON). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A store that lasts as long as the page: where IndexedDB is missing (tests, some private windows). */
export class MemoryRegisterStore implements RegisterStore {
  private readonly marks = new Map<string, QueuedMark>();
  private readonly registers = new Map<string, CachedRegister>();

  async sessions(): Promise<string[]> {
    return [...new Set([...this.marks.values()].map((m) => m.sessionId))];
  }
  async queued(sessionId: string): Promise<QueuedMark[]> {
    return [...this.marks.values()]
      .filter((m) => m.sessionId === sessionId)
      .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }
  async put(mark: QueuedMark): Promise<void> {
    this.marks.set(`${mark.sessionId}/${mark.traineeId}`, copy(mark));
  }
  async remove(sessionId: string, traineeId: string): Promise<void> {
    this.marks.delete(`${sessionId}/${traineeId}`);
  }
  async cached(sessionId: string): Promise<CachedRegister | undefined> {
    const entry = this.registers.get(sessionId);
    return entry && copy(entry);
  }
  async cache(entry: CachedRegister): Promise<void> {
    this.registers.set(entry.sessionId, copy(entry));
  }
  async clear(): Promise<void> {
    this.marks.clear();
    this.registers.clear();
  }
}

const DB_NAME = 'skillbridge-attendance';
const QUEUE = 'queue';
const REGISTERS = 'registers';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The plain IndexedDB API: two object stores, the queue keyed by [session, trainee], the copies by session. */
export class IdbRegisterStore implements RegisterStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(QUEUE, { keyPath: ['sessionId', 'traineeId'] });
        request.result.createObjectStore(REGISTERS, { keyPath: 'sessionId' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch((error: unknown) => {
      this.db = null;
      throw error;
    });
    return this.db;
  }

  private async store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(name, mode).objectStore(name);
  }

  async sessions(): Promise<string[]> {
    const keys = (await done((await this.store(QUEUE, 'readonly')).getAllKeys())) as [string, string][];
    return [...new Set(keys.map((key) => key[0]))];
  }
  async queued(sessionId: string): Promise<QueuedMark[]> {
    const range = IDBKeyRange.bound([sessionId, ''], [sessionId, '\uffff']);
    const marks = (await done((await this.store(QUEUE, 'readonly')).getAll(range))) as QueuedMark[];
    return marks.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }
  async put(mark: QueuedMark): Promise<void> {
    await done((await this.store(QUEUE, 'readwrite')).put(mark));
  }
  async remove(sessionId: string, traineeId: string): Promise<void> {
    await done((await this.store(QUEUE, 'readwrite')).delete([sessionId, traineeId]));
  }
  async cached(sessionId: string): Promise<CachedRegister | undefined> {
    return (await done((await this.store(REGISTERS, 'readonly')).get(sessionId))) as CachedRegister | undefined;
  }
  async cache(entry: CachedRegister): Promise<void> {
    await done((await this.store(REGISTERS, 'readwrite')).put(entry));
  }
  async clear(): Promise<void> {
    await done((await this.store(QUEUE, 'readwrite')).clear());
    await done((await this.store(REGISTERS, 'readwrite')).clear());
  }
}

/**
 * The browser's IndexedDB when there is one, else a store for the page's lifetime; and the one lane per session
 * its queue is sent through, so the register page and the app's sender never send one mark twice.
 */
@Injectable({ providedIn: 'root' })
export class RegisterStoreService {
  readonly store: RegisterStore =
    typeof indexedDB === 'undefined' ? new MemoryRegisterStore() : new IdbRegisterStore(indexedDB);
  private readonly lanes = new Map<string, Promise<unknown>>();

  /** Runs `work` for the session after any earlier work for it has ended. */
  exclusive<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const before = this.lanes.get(sessionId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    const lane = run.catch(() => undefined);
    this.lanes.set(sessionId, lane);
    void lane.then(() => {
      if (this.lanes.get(sessionId) === lane) this.lanes.delete(sessionId);
    });
    return run;
  }
}

/** What became of one queued mark when it was sent. */
export type SendOutcome =
  | { kind: 'sent'; line: AttendanceLine }
  /** 412: the trainee's mark changed meanwhile; `current` is their line now. Kept in the queue until decided. */
  | { kind: 'conflict'; current: AttendanceLine }
  /** No connection (or no answer): the mark stays queued for the next try. */
  | { kind: 'offline' }
  /** Left for the register page to show (the app's sender does not decide conflicts or refusals). */
  | { kind: 'kept' }
  /** Refused for good (400/404/409: not confirmed any more, register closed…): dropped, with the problem code. */
  | { kind: 'rejected'; code: string };

export interface FlushReport {
  sent: AttendanceLine[];
  conflicts: { mark: QueuedMark; current: AttendanceLine }[];
  rejected: { mark: QueuedMark; code: string }[];
  /** Whether a mark could not be sent for want of a connection (the rest were not tried). */
  offline: boolean;
}

/**
 * The queue of one phone's unsent marks, over a store. Taps go in one entry per trainee; sending goes through
 * them oldest first and stops at the first network failure.
 */
export class MarkQueue {
  constructor(
    private readonly store: RegisterStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(sessionId: string): Promise<QueuedMark[]> {
    return this.store.queued(sessionId);
  }

  /**
   * Queues a mark. `serverStatus` is the trainee's mark as the server last had it: it becomes `previous` for
   * the first queued change of the trainee, and later taps keep it (the last tap wins, over the same previous).
   * A tap back to the server's mark leaves nothing to send.
   */
  async add(
    sessionId: string,
    traineeId: string,
    status: AttendanceStatus | null,
    serverStatus: AttendanceStatus | null,
  ) {
    const existing = (await this.store.queued(sessionId)).find((m) => m.traineeId === traineeId);
    const previous = existing ? existing.previous : serverStatus;
    if (status === previous) {
      if (existing) await this.store.remove(sessionId, traineeId);
      return;
    }
    await this.store.put({
      sessionId,
      traineeId,
      status,
      previous,
      queuedAt: existing?.queuedAt ?? this.now().toISOString(),
    });
  }

  /** Replaces the previous of a queued mark: "keep mine" over the mark the server holds now. */
  async rebase(mark: QueuedMark, previous: AttendanceStatus | null): Promise<void> {
    await this.store.put({ ...mark, previous });
  }

  remove(sessionId: string, traineeId: string): Promise<void> {
    return this.store.remove(sessionId, traineeId);
  }

  /** Sends the session's queue one mark at a time; `skip` names trainees waiting for a decision. */
  async flush(
    sessionId: string,
    send: (mark: QueuedMark) => Promise<SendOutcome>,
    skip: ReadonlySet<string> = new Set(),
  ): Promise<FlushReport> {
    const report: FlushReport = { sent: [], conflicts: [], rejected: [], offline: false };
    for (const mark of await this.store.queued(sessionId)) {
      if (skip.has(mark.traineeId)) continue;
      const outcome = await send(mark);
      if (outcome.kind === 'offline') {
        report.offline = true;
        break;
      }
      if (outcome.kind === 'kept') continue;
      if (outcome.kind === 'conflict') {
        report.conflicts.push({ mark, current: outcome.current });
        continue;
      }
      // A tap while this mark was on its way is a newer change, made over the mark just sent.
      const latest = (await this.store.queued(sessionId)).find((m) => m.traineeId === mark.traineeId);
      const sentStatus = outcome.kind === 'sent' ? outcome.line.status : mark.previous;
      if (latest && latest.status !== mark.status && latest.status !== sentStatus) {
        await this.store.put({ ...latest, previous: sentStatus });
      } else await this.store.remove(sessionId, mark.traineeId);
      if (outcome.kind === 'sent') report.sent.push(outcome.line);
      else report.rejected.push({ mark, code: outcome.code });
    }
    return report;
  }
}
