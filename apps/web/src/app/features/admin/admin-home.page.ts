import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { zonedDate, type ReportOverview, type ReportPeriodQuery } from '@skillbridge/contracts';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOfDownload, problemOf } from '../../core/http/problem';
import { LanguageService } from '../../core/i18n/language.service';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { ChartPanelComponent } from '../reports/chart-panel.component';
import {
  certificatesByMonthChart,
  completionRateChart,
  enrolmentsByStatusChart,
  traineesByCountryChart,
  type ChartContext,
} from '../reports/report-charts';
import {
  DEFAULT_PERIOD_PRESET,
  matchingPreset,
  PERIOD_PRESETS,
  presetPeriod,
  type PeriodPreset,
} from '../reports/report-period';
import { ReportsApi } from '../reports/reports.api';

type OverviewState =
  { status: 'loading' } | { status: 'ready'; overview: ReportOverview } | { status: 'error'; code: string };

/**
 * The international office's dashboard and home: the period's programs,
 * trainees, enrolments and certificates as figures and charts, an Excel
 * export of the same, and links to every admin section.
 */
@Component({
  selector: 'sb-admin-home-page',
  imports: [TranslatePipe, RouterLink, LocalNumberPipe, ChartPanelComponent, DateInputComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-home.page.html',
  styleUrl: '../reports/reports.css',
})
export class AdminHomePage {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(ReportsApi);
  private readonly languages = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly viewer = inject(ViewerZone);

  protected readonly presets = PERIOD_PRESETS;
  private readonly today = zonedDate(new Date(), this.viewer.zone());
  /**
   * By default the last twelve months and everything planned: programs that ended within a year, run now or
   * are coming. A period that ended today left out the programs being prepared — most of an office's work.
   */
  protected readonly period = signal<ReportPeriodQuery>(presetPeriod(DEFAULT_PERIOD_PRESET, this.today));
  protected readonly activePreset = computed(() => matchingPreset(this.period(), this.today));
  protected readonly periodInvalid = signal(false);
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<string | null>(null);

  protected readonly state = toSignal(
    toObservable(this.period).pipe(
      switchMap((period) =>
        this.api.overview(period).pipe(
          map((overview): OverviewState => ({ status: 'ready', overview })),
          catchError((error) => of<OverviewState>({ status: 'error', code: problemOf(error).code })),
          startWith<OverviewState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as OverviewState },
  );
  protected readonly overview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.overview : null;
  });

  /** Rebuilt when the language changes, so labels and numbers follow it. */
  protected readonly charts = computed(() => {
    const overview = this.overview();
    if (!overview) return null;
    const ctx: ChartContext = { locale: this.languages.current(), t: (key) => this.translate.instant(key) };
    return {
      countries: traineesByCountryChart(overview, ctx),
      statuses: enrolmentsByStatusChart(overview, ctx),
      completion: completionRateChart(overview, ctx),
      certificates: certificatesByMonthChart(overview, ctx),
    };
  });

  protected usePreset(preset: PeriodPreset): void {
    this.periodInvalid.set(false);
    this.period.set(presetPeriod(preset, this.today));
  }

  protected setDates(from: string, to: string): void {
    const invalid = Boolean(from && to && from > to);
    this.periodInvalid.set(invalid);
    if (!invalid) this.period.set({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }

  protected async export(): Promise<void> {
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      await this.api.downloadOverview(this.period());
    } catch (error) {
      this.exportError.set((await problemOfDownload(error)).code);
    } finally {
      this.exporting.set(false);
    }
  }
}
