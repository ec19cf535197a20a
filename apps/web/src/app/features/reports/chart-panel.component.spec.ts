import { TestBed } from '@angular/core/testing';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ChartPanelComponent } from './chart-panel.component';
import { ChartRenderer } from './chart-renderer';
import type { ChartSpec } from './report-charts';

const spec: ChartSpec = {
  kind: 'bar',
  percent: true,
  locale: 'th',
  categoryLabel: 'โครงการ',
  labels: ['P1', 'P2'],
  series: [{ label: 'อัตราการสำเร็จ', data: [0.8125, null], color: '#000' }],
};

describe('ChartPanelComponent', () => {
  const draw = jest.fn(() => ({ destroy: jest.fn() }));

  async function render(value: ChartSpec) {
    TestBed.configureTestingModule({
      imports: [ChartPanelComponent],
      providers: [provideTestTranslations(), { provide: ChartRenderer, useValue: { draw } }],
    });
    await TestBed.inject(LanguageService).use('th');
    const fixture = TestBed.createComponent(ChartPanelComponent);
    fixture.componentRef.setInput('spec', value);
    fixture.componentRef.setInput('heading', 'อัตราการสำเร็จของแต่ละโครงการ');
    fixture.componentRef.setInput('description', 'คำอธิบาย');
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => draw.mockClear());

  it('draws the chart on a labelled canvas and redraws when the spec changes', async () => {
    const { fixture, element } = await render(spec);
    const canvas = element.querySelector('canvas');
    expect(canvas?.getAttribute('role')).toBe('img');
    expect(canvas?.getAttribute('aria-label')).toBe('อัตราการสำเร็จของแต่ละโครงการ');
    expect(draw).toHaveBeenCalledTimes(1);
    fixture.componentRef.setInput('spec', { ...spec, locale: 'en' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('shows the same numbers as a table, formatted for the language', async () => {
    const { fixture, element } = await render(spec);
    const toggle = element.querySelector<HTMLButtonElement>('[data-testid="chart-table-toggle"]');
    expect(toggle?.textContent?.trim()).toBe('แสดงเป็นตาราง');
    toggle?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('canvas')).toBeNull();
    const table = element.querySelector('[data-testid="chart-table"]');
    expect([...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent?.trim())).toEqual([
      'โครงการ',
      'อัตราการสำเร็จ',
    ]);
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.children].map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['P1', '81.3%'],
      ['P2', '–'],
    ]);
    expect(toggle?.getAttribute('aria-pressed')).toBe('true');
    expect(toggle?.textContent?.trim()).toBe('แสดงเป็นแผนภูมิ');
  });

  it('says so when there is nothing to draw', async () => {
    const { element } = await render({ ...spec, labels: [], series: [] });
    expect(element.querySelector('[data-testid="chart-empty"]')?.textContent?.trim()).toBe('ยังไม่มีข้อมูลสำหรับช่วงเวลานี้');
    expect(element.querySelector('canvas')).toBeNull();
    expect(draw).not.toHaveBeenCalled();
  });
});
