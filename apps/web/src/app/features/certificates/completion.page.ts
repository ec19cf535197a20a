import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { CompletionPreview, CompletionResult, CompletionShortfall, Program } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { ProgramsApi } from '../programs/programs.api';
import { CertificatesApi } from './certificates.api';
import { CompleterSelectionComponent } from './completer-selection.component';
import { completionTotals, shortfallLabel, type ShortfallLabel } from './completion';

/**
 * Closing a program: who would complete by its rule and why the others
 * would not, the totals, then (once confirmed) the result and the final
 * outcome — from which completers can be chosen for a follow-on program.
 */
@Component({
  selector: 'sb-completion-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    InstantDatePipe,
    InstantTimePipe,
    LocalNumberPipe,
    ConfirmDialogComponent,
    CompleterSelectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './completion.page.html',
  styleUrl: './completion.page.css',
})
export class CompletionPage implements OnInit {
  private readonly api = inject(CertificatesApi);
  private readonly programs = inject(ProgramsApi);

  /** The program's id, from the route. */
  readonly id = input.required<string>();

  protected readonly program = signal<Program | null>(null);
  protected readonly preview = signal<CompletionPreview | null>(null);
  protected readonly loading = signal(true);
  protected readonly failure = signal<string | null>(null);
  protected readonly closing = signal(false);
  protected readonly result = signal<CompletionResult | null>(null);
  protected readonly asking = signal(false);
  private readonly dialog = viewChild<ConfirmDialogComponent>('confirm');
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');

  protected readonly totals = computed(() => completionTotals(this.preview()?.lines ?? []));
  protected readonly completed = computed(() => this.program()?.status === 'completed');
  protected readonly closable = computed(() => this.program()?.status === 'published');
  /** Before its last session has ended a program is not closed (the API refuses it too). */
  protected readonly ended = computed(() => {
    const endsAt = this.preview()?.endsAt;
    return endsAt === undefined || Date.parse(endsAt) <= Date.now();
  });
  protected readonly completers = computed(() => (this.preview()?.lines ?? []).filter((line) => line.completes));
  protected readonly shortfallKinds: readonly CompletionShortfall[] = [
    'attendance',
    'no-attended-session',
    'no-score',
    'score',
  ];

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const [program, preview] = await Promise.all([
        firstValueFrom(this.programs.get(this.id())),
        firstValueFrom(this.api.completion(this.id())),
      ]);
      this.program.set(program);
      this.preview.set(preview);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.loading.set(false);
    }
  }

  protected reason(shortfall: CompletionShortfall): ShortfallLabel {
    const preview = this.preview();
    return shortfallLabel(shortfall, preview ?? { minAttendanceRate: 0 });
  }

  protected ask(): void {
    this.asking.set(true);
    setTimeout(() => this.dialog()?.open());
  }

  protected async close(): Promise<void> {
    this.closing.set(true);
    this.failure.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.complete(this.id())));
      await this.load();
      // The result shows at the top of the page, the button was at the bottom: take the person (and a
      // screen reader) to it.
      setTimeout(() => {
        const box = this.resultBox()?.nativeElement;
        box?.focus();
        box?.scrollIntoView?.({ block: 'start' });
      });
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.closing.set(false);
    }
  }
}
