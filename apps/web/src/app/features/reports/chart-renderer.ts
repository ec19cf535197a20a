import { Injectable } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { resolveColor } from './status-colors';

// Only what the report charts use, so the rest of Chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export interface DrawnChart {
  destroy(): void;
}

/** Draws on a canvas; a separate service so unit tests (jsdom has no canvas) can swap it out. */
@Injectable({ providedIn: 'root' })
export class ChartRenderer {
  draw(canvas: HTMLCanvasElement, config: ChartConfiguration<'bar' | 'line'>): DrawnChart {
    // Canvas text does not inherit CSS: without the page's fonts Thai and Chinese labels draw as boxes.
    const style = getComputedStyle(canvas);
    if (style.fontFamily) Chart.defaults.font.family = style.fontFamily;
    if (style.color) Chart.defaults.color = style.color;
    // Series carry semantic colours as CSS variables (status-colors.css); the canvas needs their values.
    for (const dataset of config.data.datasets) {
      for (const key of ['backgroundColor', 'borderColor'] as const) {
        const color = dataset[key];
        if (typeof color === 'string') dataset[key] = resolveColor(color, style);
      }
    }
    const chart = new Chart(canvas, config);
    let destroyed = false;
    // The font slices a label needs may still be loading: draw again once they are in.
    void canvas.ownerDocument.fonts?.ready.then(() => {
      if (!destroyed) chart.update();
    });
    return {
      destroy: () => {
        destroyed = true;
        chart.destroy();
      },
    };
  }
}
