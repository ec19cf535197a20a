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
