import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Institution, LogisticsSettings, LogisticsStatusEntry, Program, Room } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf, problemOfDownload } from '../../core/http/problem';
import { warnBeforeUnload, type HasUnsavedChanges } from '../../shared/forms/unsaved-changes.guard';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { AdminApi } from '../admin/admin.api';
import { ProgramsApi } from '../programs/programs.api';
import { ArrivalsChartComponent } from './arrivals-chart.component';
import { LogisticsApi, type LogisticsFile } from './logistics.api';
import type { LogisticsArea } from './logistics-form';
import { LogisticsSettingsComponent } from './logistics-settings.component';
import { LogisticsStatusListComponent } from './logistics-status-list.component';
import { RoomsComponent } from './rooms.component';

/**
 * A program's logistics. Admins: what it collects, who has given what, arrivals per day, rooms, and
 * the files for the office (rooming list, arrivals manifest, invitation letters). Partners: who of
 * their own people has given what, each a link to fill in for them.
 */
@Component({
  selector: 'sb-program-logistics-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    ArrivalsChartComponent,
    LogisticsSettingsComponent,
    LogisticsStatusListComponent,
    RoomsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-logistics.page.html',
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
})
export class ProgramLogisticsPage implements HasUnsavedChanges {
  private readonly api = inject(LogisticsApi);
  private readonly programs = inject(ProgramsApi);
  private readonly adminApi = inject(AdminApi);

  /** The program's id, from the route. */
  readonly id = input.required<string>();
  readonly area = input<Exclude<LogisticsArea, 'trainee'>>('admin');

  protected readonly files: { file: LogisticsFile; key: string }[] = [
    { file: 'arrivals.xlsx', key: i18nKey('logistics.program.files.arrivals') },
    { file: 'rooming-list.xlsx', key: i18nKey('logistics.program.files.roomingList') },
    { file: 'invitation-letters.zip', key: i18nKey('logistics.program.files.letters') },
  ];
  protected readonly admin = computed(() => this.area() === 'admin');
  protected readonly program = signal<Program | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly settings = signal<LogisticsSettings | null>(null);
  protected readonly institutions = signal<Institution[]>([]);
  protected readonly people = signal<LogisticsStatusEntry[]>([]);
  protected readonly rooms = signal<Room[]>([]);
  protected readonly downloading = signal<LogisticsFile | null>(null);
  protected readonly downloadFailure = signal<string | null>(null);
  protected readonly complete = computed(() => this.people().filter((p) => p.complete).length);

  private readonly settingsForm = viewChild(LogisticsSettingsComponent);
  private readonly roomsEditor = viewChild(RoomsComponent);
  private readonly statusList = viewChild(LogisticsStatusListComponent);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  hasUnsavedChanges(): boolean {
    return !!this.settingsForm()?.hasUnsavedChanges() || !!this.roomsEditor()?.hasUnsavedChanges();
  }

  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    warnBeforeUnload(this, event);
  }

  private async load(id: string): Promise<void> {
    this.failure.set(null);
    try {
      this.program.set(await firstValueFrom(this.programs.get(id)));
    } catch (error) {
      this.failure.set(problemOf(error).code);
      return;
    }
    if (!this.admin()) return;
    void firstValueFrom(this.adminApi.institutions({ limit: 200 })).then(
      (page) => this.institutions.set(page.items),
      () => undefined,
    );
    try {
      this.settings.set(await firstValueFrom(this.api.settings(id)));
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
    await this.refresh();
  }

  /** Rooms and people again, after an assignment or a room changed. */
  protected async refresh(): Promise<void> {
    const id = this.id();
    try {
      const [people, rooms] = await Promise.all([this.api.allStatus(id), firstValueFrom(this.api.rooms(id))]);
      this.people.set(people);
      this.rooms.set(rooms);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
    this.statusList()?.reload();
  }

  protected settingsSaved(settings: LogisticsSettings): void {
    this.settings.set(settings);
    void this.refresh();
  }

  protected async fetchFile(file: LogisticsFile): Promise<void> {
    const program = this.program();
    if (!program) return;
    this.downloading.set(file);
    this.downloadFailure.set(null);
    try {
      await this.api.downloadProgramFile(program.id, file, program.code);
    } catch (error) {
      this.downloadFailure.set((await problemOfDownload(error)).code);
    } finally {
      this.downloading.set(null);
    }
  }
}
