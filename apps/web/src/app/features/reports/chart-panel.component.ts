import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { toChartConfig } from './chart-config';
import { ChartRenderer, type DrawnChart } from './chart-renderer';
import { formatChartValue, hasData, type ChartSpec } from './report-charts';

let nextId = 0;

/**
 * A chart with its heading and description, and a "Show as table" switch that
 * renders the same numbers as an HTML table (for screen readers, copying and
 * anyone who prefers figures). Redraws whenever the spec changes — a new
 * language makes a new spec.
 */
@Component({
  selector: 'sb-chart-panel',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card chart-panel" [attr.aria-labelledby]="id + '-title'" [attr.data-testid]="testId()">
      <div class="chart-head">
        <h2 [id]="id + '-title'">{{ heading() }}</h2>
        @if (drawable()) {
          <button
            type="button"
            class="btn btn-link"
            [attr.aria-pressed]="asTable()"
            data-testid="chart-table-toggle"
            (click)="asTable.set(!asTable())"
          >
            {{ (asTable() ? 'reports.charts.showChart' : 'reports.charts.showTable') | translate }}
          </button>
        }
      </div>
      <p class="hint" [id]="id + '-desc'">{{ description() }}</p>
      @if (!drawable()) {
        <p class="empty-state" data-testid="chart-empty">{{ 'reports.charts.empty' | translate }}</p>
      } @else if (asTable()) {
        <div class="table-wrap" role="region" tabindex="0" [attr.aria-label]="heading()">
          <table class="table" data-testid="chart-table">
            <caption class="visually-hidden">
              {{
                heading()
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ spec().categoryLabel }}</th>
                @for (series of spec().series; track $index) {
                  <th scope="col" class="num">{{ series.label }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track $index) {
                <tr>
                  <th scope="row">{{ row.label }}</th>
                  @for (cell of row.cells; track $index) {
                    <td class="num">{{ cell }}</td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <div class="chart-box" [style.height.px]="height()">
          <canvas #canvas role="img" [attr.aria-label]="heading()" [attr.aria-describedby]="id + '-desc'">
            {{ description() }}
          </canvas>
        </div>
      }
    </section>
  `,
  styles: `
    .chart-head {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 1rem;
    }
    .chart-box {
      position: relative;
      width: 100%;
    }
    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class ChartPanelComponent {
  private readonly renderer = inject(ChartRenderer);
  readonly spec = input.required<ChartSpec>();
  readonly heading = input.required<string>();
  readonly description = input.required<string>();
  readonly testId = input<string>();

  protected readonly id = `sb-chart-${nextId++}`;
  protected readonly asTable = signal(false);
  protected readonly drawable = computed(() => hasData(this.spec()));
  protected readonly rows = computed(() => {
    const spec = this.spec();
    return spec.labels.map((label, index) => ({
      label,
      cells: spec.series.map((series) => formatChartValue(series.data[index], spec.locale, spec.percent)),
    }));
  });
  /** Horizontal bars grow with their categories so long lists stay legible. */
  protected readonly height = computed(() => {
    const spec = this.spec();
    return spec.horizontal ? Math.max(140, 48 + spec.labels.length * (spec.stacked ? 64 : 28)) : 280;
  });

  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: DrawnChart | null = null;

  constructor() {
    effect(() => {
      const canvas = this.canvas()?.nativeElement;
      const spec = this.spec();
      this.chart?.destroy();
      this.chart = canvas && hasData(spec) ? this.renderer.draw(canvas, toChartConfig(spec)) : null;
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }
}
