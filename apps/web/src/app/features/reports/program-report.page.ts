import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ProgramReport } from '@skillbridge/contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf, problemOfDownload } from '../../core/http/problem';
import { LanguageService } from '../../core/i18n/language.service';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { ChartPanelComponent } from './chart-panel.component';
import { attendanceRateChart, FUNNEL_STEPS, funnelChart, seatsOverTimeChart, type ChartContext } from './report-charts';
import { ReportsApi } from './reports.api';

type ReportState =
  { status: 'loading' } | { status: 'ready'; report: ProgramReport } | { status: 'error'; code: string };

/**
 * One program's report: the funnel from application to certificate,
 * attendance per session, seats over time and the split by institution and
 * nationality. Admins see everyone; a partner (at /partner/reports/:id) sees
 * its own institution's people only, and the page says so.
 */
@Component({
  selector: 'sb-program-report-page',
  imports: [
    TranslatePipe,
    RouterLink,
    LocalizedPipe,
    LocalNumberPipe,
    CountryNamePipe,
    ZonedTimePipe,
    ChartPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-report.page.html',
  styleUrl: './reports.css',
})
export class ProgramReportPage {
  private readonly api = inject(ReportsApi);
  private readonly languages = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);

  /** The program, from the route. */
  readonly id = input.required<string>();

  protected readonly steps = FUNNEL_STEPS;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<string | null>(null);

  protected readonly state = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        this.api.program(id).pipe(
          map((report): ReportState => ({ status: 'ready', report })),
          catchError((error) => of<ReportState>({ status: 'error', code: problemOf(error).code })),
          startWith<ReportState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as ReportState },
  );
  protected readonly report = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.report : null;
  });

  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.code : null;
  });

  protected readonly charts = computed(() => {
    const report = this.report();
    if (!report) return null;
    const ctx: ChartContext = { locale: this.languages.current(), t: (key) => this.translate.instant(key) };
    return {
      funnel: funnelChart(report, ctx),
      attendance: attendanceRateChart(report, ctx),
      seats: seatsOverTimeChart(report, ctx),
    };
  });

  protected async export(report: ProgramReport): Promise<void> {
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      await this.api.downloadProgram(report.programId, report.code);
    } catch (error) {
      this.exportError.set((await problemOfDownload(error)).code);
    } finally {
      this.exporting.set(false);
    }
  }
}
