import { computed, signal } from '@angular/core';
import type {
  AttendanceLine,
  AttendanceMark,
  AttendanceSheet,
  AttendanceStatus,
  FieldError,
} from '@skillbridge/contracts';

/** The order a tap moves a trainee through; an unmarked trainee starts at "present". */
export const ATTENDANCE_CYCLE: readonly AttendanceStatus[] = ['present', 'late', 'absent', 'excused'];

export function nextStatus(status: AttendanceStatus | null): AttendanceStatus {
  if (status === null) return ATTENDANCE_CYCLE[0];
  return ATTENDANCE_CYCLE[(ATTENDANCE_CYCLE.indexOf(status) + 1) % ATTENDANCE_CYCLE.length];
}

export type AttendanceCounts = Record<AttendanceStatus | 'unmarked', number>;

/**
 * A session's register being edited: the marks as last saved, the marks on
 * screen, and what differs. The API replaces the whole register on save, so
 * `marks()` always carries every marked trainee, changed or not.
 */
export class AttendanceRegister {
  readonly lines = signal<readonly AttendanceLine[]>([]);
  private readonly saved = signal<ReadonlyMap<string, AttendanceStatus | null>>(new Map());
  private readonly current = signal<ReadonlyMap<string, AttendanceStatus | null>>(new Map());

  /** Trainees whose mark on screen differs from the saved one. */
  readonly changed = computed(() => {
    const saved = this.saved();
    const current = this.current();
    return this.lines()
      .map((line) => line.traineeId)
      .filter((id) => (current.get(id) ?? null) !== (saved.get(id) ?? null));
  });
  readonly dirty = computed(() => this.changed().length > 0);

  readonly counts = computed<AttendanceCounts>(() => {
    const counts: AttendanceCounts = { present: 0, late: 0, absent: 0, excused: 0, unmarked: 0 };
    const current = this.current();
    for (const line of this.lines()) counts[current.get(line.traineeId) ?? 'unmarked']++;
    return counts;
  });

  /** What `PUT /sessions/:id/attendance` gets: every marked trainee, in register order. */
  readonly marks = computed<AttendanceMark[]>(() => {
    const current = this.current();
    return this.lines().flatMap((line) => {
      const status = current.get(line.traineeId) ?? null;
      return status ? [{ traineeId: line.traineeId, status }] : [];
    });
  });

  /** Takes the register as the server has it (after loading or saving); nothing is unsaved afterwards. */
  load(sheet: AttendanceSheet): void {
    const marks = new Map(sheet.lines.map((line) => [line.traineeId, line.status] as const));
    this.lines.set(sheet.lines);
    this.saved.set(marks);
    this.current.set(new Map(marks));
  }

  /**
   * Takes the register the server saved from `sent`, keeping any tap made
   * while the save was under way (it is still unsaved).
   */
  acceptSaved(sheet: AttendanceSheet, sent: readonly AttendanceMark[]): void {
    const sentStatus = new Map(sent.map((mark) => [mark.traineeId, mark.status] as const));
    const current = this.current();
    const next = new Map<string, AttendanceStatus | null>();
    for (const line of sheet.lines) {
      const onScreen = current.get(line.traineeId) ?? null;
      next.set(line.traineeId, onScreen !== (sentStatus.get(line.traineeId) ?? null) ? onScreen : line.status);
    }
    this.lines.set(sheet.lines);
    this.saved.set(new Map(sheet.lines.map((line) => [line.traineeId, line.status] as const)));
    this.current.set(next);
  }

  /** The marks as the server last had them (loaded or saved). */
  savedMarks(): Marks {
    return this.saved();
  }

  /** The marks on screen. */
  currentMarks(): Marks {
    return this.current();
  }

  /** After a 412: the server's register becomes the saved one, and the screen shows the merge to send. */
  rebase(sheet: AttendanceSheet, marks: Marks): void {
    this.lines.set(sheet.lines);
    this.saved.set(new Map(sheet.lines.map((line) => [line.traineeId, line.status] as const)));
    this.current.set(new Map(sheet.lines.map((line) => [line.traineeId, marks.get(line.traineeId) ?? null] as const)));
  }

  /**
   * A mark that is no longer this screen's to save: queued on the phone, or sent one at a time, or taken from
   * the server. Counts as saved, so Save does not send it again.
   */
  settle(traineeId: string, status: AttendanceStatus | null): void {
    this.saved.update((marks) => new Map(marks).set(traineeId, status));
    this.current.update((marks) => new Map(marks).set(traineeId, status));
  }

  /** A line as the server saved it (a PATCH's answer): its mark, and its details (when, how) on the register. */
  acceptLine(line: AttendanceLine): void {
    this.lines.update((lines) => lines.map((l) => (l.traineeId === line.traineeId ? line : l)));
    this.settle(line.traineeId, line.status);
  }

  statusOf(traineeId: string): AttendanceStatus | null {
    return this.current().get(traineeId) ?? null;
  }

  isChanged(traineeId: string): boolean {
    return (this.current().get(traineeId) ?? null) !== (this.saved().get(traineeId) ?? null);
  }

  /** One tap: present → late → absent → excused → present. */
  cycle(traineeId: string): AttendanceStatus {
    const next = nextStatus(this.statusOf(traineeId));
    this.set(traineeId, next);
    return next;
  }

  set(traineeId: string, status: AttendanceStatus | null): void {
    this.current.update((marks) => new Map(marks).set(traineeId, status));
  }

  /** Marks everyone present; the exceptions are then tapped one by one. */
  allPresent(): void {
    this.current.set(new Map(this.lines().map((line) => [line.traineeId, 'present'] as const)));
  }

  /** Back to the marks as last saved. */
  discard(): void {
    this.current.set(new Map(this.saved()));
  }
}

/**
 * The trainees a rejected save names (`[2].traineeId` → the third mark sent),
 * with the API's message, so each shows on its own row.
 */
export function markErrors(
  errors: readonly FieldError[] | undefined,
  sent: readonly AttendanceMark[],
): Map<string, string> {
  const byTrainee = new Map<string, string>();
  for (const error of errors ?? []) {
    const index = /^\[(\d+)\]/.exec(error.field);
    const mark = index ? sent[Number(index[1])] : undefined;
    if (mark && !byTrainee.has(mark.traineeId)) byTrainee.set(mark.traineeId, error.message);
  }
  return byTrainee;
}

export type Marks = ReadonlyMap<string, AttendanceStatus | null>;

/** One trainee the other save changed: what you loaded, what you have now, what they saved. */
export interface MarkConflict {
  traineeId: string;
  loaded: AttendanceStatus | null;
  mine: AttendanceStatus | null;
  theirs: AttendanceStatus | null;
  /** Which one the merge takes unless the instructor chooses: yours when you changed the trainee, else theirs. */
  choice: 'mine' | 'theirs';
}

/**
 * What a 412 on Save leaves to decide: the trainees whose mark the other save changed from what you loaded and
 * that you see differently now (`conflicts`, register order), and the merge (`merged`) of the register the
 * server holds now: the trainees you changed keep yours, all others take theirs. Trainees new on their register
 * take theirs; trainees gone from it are left out.
 */
export function mergeRegisters(
  loaded: Marks,
  mine: Marks,
  theirs: readonly Pick<AttendanceLine, 'traineeId' | 'status'>[],
): { merged: Map<string, AttendanceStatus | null>; conflicts: MarkConflict[] } {
  const merged = new Map<string, AttendanceStatus | null>();
  const conflicts: MarkConflict[] = [];
  for (const line of theirs) {
    const was = loaded.has(line.traineeId) ? (loaded.get(line.traineeId) ?? null) : null;
    const now = mine.has(line.traineeId) ? (mine.get(line.traineeId) ?? null) : was;
    const changedByMe = now !== was;
    merged.set(line.traineeId, changedByMe ? now : line.status);
    if (line.status !== was && now !== line.status) {
      conflicts.push({
        traineeId: line.traineeId,
        loaded: was,
        mine: now,
        theirs: line.status,
        choice: changedByMe ? 'mine' : 'theirs',
      });
    }
  }
  return { merged, conflicts };
}

/** The merge with the instructor's choices applied (`choices` by trainee; unnamed ones keep their default). */
export function applyChoices(
  merged: Marks,
  conflicts: readonly MarkConflict[],
  choices: ReadonlyMap<string, 'mine' | 'theirs'>,
): Map<string, AttendanceStatus | null> {
  const result = new Map(merged);
  for (const conflict of conflicts) {
    const choice = choices.get(conflict.traineeId) ?? conflict.choice;
    result.set(conflict.traineeId, choice === 'mine' ? conflict.mine : conflict.theirs);
  }
  return result;
}
