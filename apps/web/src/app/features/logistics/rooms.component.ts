import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ROOM_CAPACITY_MAX,
  ROOM_GENDERS,
  type LogisticsStatusEntry,
  type Room,
  type RoomGender,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { LogisticsApi } from './logistics.api';

const DRAG_TYPE = 'application/x-skillbridge-enrolment';

interface AssignFailure {
  code: string;
  name: string;
  room: string;
}

function roomForm() {
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    capacity: new FormControl<number | null>(2, {
      validators: [Validators.required, Validators.min(1), Validators.max(ROOM_CAPACITY_MAX)],
    }),
    gender: new FormControl<RoomGender>('any', { nonNullable: true }),
  });
}

/**
 * A program's rooms: add, rename, resize and remove them, and put trainees in them — by dragging a
 * name onto a room, or (keyboard, phone) by choosing the room from a list beside the name. The API
 * keeps rooms within capacity and gender; its refusals (ROOM_FULL, ROOM_GENDER) are said here.
 */
@Component({
  selector: 'sb-rooms',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rooms.component.html',
  styleUrl: './rooms.component.css',
})
export class RoomsComponent {
  private readonly api = inject(LogisticsApi);

  readonly programId = input.required<string>();
  readonly rooms = input.required<Room[]>();
  /** Every trainee of the program (their room and gender). */
  readonly people = input.required<LogisticsStatusEntry[]>();
  /** Something changed: the page loads rooms and people again. */
  readonly changed = output<void>();

  protected readonly genders = ROOM_GENDERS;
  protected readonly capacityMax = ROOM_CAPACITY_MAX;
  protected readonly newRoom = roomForm();
  protected readonly editForm = roomForm();
  protected readonly editing = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly assignFailure = signal<AssignFailure | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly removing = signal<Room | null>(null);
  protected readonly dropTarget = signal<string | null>(null);
  /** The room chosen in each unassigned person's list, by enrolment. */
  protected readonly chosen = signal<Readonly<Partial<Record<string, string>>>>({});
  private readonly confirm = viewChild<ConfirmDialogComponent>('confirm');

  protected readonly unassigned = computed(() => {
    const assigned = new Set(this.rooms().flatMap((room) => room.occupants.map((o) => o.enrolmentId)));
    return this.people().filter((person) => !assigned.has(person.enrolmentId));
  });
  private readonly names = computed(() => {
    const names = new Map<string, string>();
    for (const person of this.people()) names.set(person.enrolmentId, person.fullName);
    for (const room of this.rooms()) for (const o of room.occupants) names.set(o.enrolmentId, o.fullName);
    return names;
  });

  hasUnsavedChanges(): boolean {
    return this.newRoom.dirty || (this.editing() !== null && this.editForm.dirty);
  }

  protected async create(): Promise<void> {
    clearServerErrors(this.newRoom);
    if (this.newRoom.invalid) {
      this.newRoom.markAllAsTouched();
      return;
    }
    const v = this.newRoom.getRawValue();
    const ok = await this.run(
      () =>
        firstValueFrom(
          this.api.createRoom(this.programId(), {
            name: v.name.trim(),
            capacity: Number(v.capacity),
            gender: v.gender,
          }),
        ),
      this.newRoom,
    );
    if (ok) this.newRoom.reset({ name: '', capacity: 2, gender: 'any' });
  }

  protected edit(room: Room): void {
    this.editForm.reset({ name: room.name, capacity: room.capacity, gender: room.gender });
    this.editing.set(room.id);
  }

  protected async saveEdit(room: Room): Promise<void> {
    clearServerErrors(this.editForm);
    if (this.editForm.invalid) {
      this.editForm.markAllAsTouched();
      return;
    }
    const v = this.editForm.getRawValue();
    const ok = await this.run(
      () =>
        firstValueFrom(
          this.api.updateRoom(room.id, { name: v.name.trim(), capacity: Number(v.capacity), gender: v.gender }),
        ),
      this.editForm,
    );
    if (ok) {
      this.editForm.markAsPristine();
      this.editing.set(null);
    }
  }

  protected askRemove(room: Room): void {
    this.removing.set(room);
    setTimeout(() => this.confirm()?.open());
  }

  protected async remove(): Promise<void> {
    const room = this.removing();
    if (!room) return;
    await this.run(() => firstValueFrom(this.api.deleteRoom(room.id)));
  }

  protected choose(enrolmentId: string, roomId: string): void {
    this.chosen.update((chosen) => ({ ...chosen, [enrolmentId]: roomId }));
  }

  protected assignChosen(enrolmentId: string): Promise<void> {
    const roomId = this.chosen()[enrolmentId];
    return roomId ? this.assign(enrolmentId, roomId) : Promise.resolve();
  }

  /** Puts a trainee in a room (`null`: takes them out), saying the API's refusal with both names. */
  protected async assign(enrolmentId: string, roomId: string | null): Promise<void> {
    const room = this.rooms().find((r) => r.id === roomId);
    if (roomId && room?.occupants.some((o) => o.enrolmentId === enrolmentId)) return;
    this.busy.set(true);
    this.failure.set(null);
    this.assignFailure.set(null);
    this.notice.set(null);
    const name = this.names().get(enrolmentId) ?? '';
    try {
      await firstValueFrom(this.api.assignRoom(enrolmentId, { roomId }));
      this.notice.set(name);
      this.chosen.update(({ [enrolmentId]: _done, ...rest }) => rest);
      this.changed.emit();
    } catch (error) {
      this.assignFailure.set({ code: problemOf(error).code, name, room: room?.name ?? '' });
    } finally {
      this.busy.set(false);
    }
  }

  protected dragStart(event: DragEvent, enrolmentId: string): void {
    event.dataTransfer?.setData(DRAG_TYPE, enrolmentId);
    event.dataTransfer?.setData('text/plain', enrolmentId);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  protected dragOver(event: DragEvent, target: string): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.dropTarget.set(target);
  }

  protected drop(event: DragEvent, roomId: string | null): void {
    event.preventDefault();
    this.dropTarget.set(null);
    const enrolmentId = event.dataTransfer?.getData(DRAG_TYPE) || event.dataTransfer?.getData('text/plain');
    if (enrolmentId) void this.assign(enrolmentId, roomId);
  }

  private async run(action: () => Promise<unknown>, form?: FormGroup): Promise<boolean> {
    this.busy.set(true);
    this.failure.set(null);
    this.assignFailure.set(null);
    this.notice.set(null);
    try {
      await action();
      this.changed.emit();
      return true;
    } catch (error) {
      const problem = problemOf(error);
      const unmatched = form ? applyServerErrors(form, problem) : [];
      if (!form || !problem.errors?.length || unmatched.length) this.failure.set(problem.code);
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
