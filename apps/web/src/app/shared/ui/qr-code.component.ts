import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { qrSvg } from './qr-svg';

/** A QR code drawn as inline SVG (crisp at any size, nothing fetched). */
@Component({
  selector: 'sb-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      shape-rendering="crispEdges"
      [attr.viewBox]="'0 0 ' + qr().size + ' ' + qr().size"
      [attr.aria-label]="label()"
      data-testid="qr-code"
    >
      <rect [attr.width]="qr().size" [attr.height]="qr().size" fill="#fff" />
      <path [attr.d]="qr().path" fill="#000" />
    </svg>
  `,
  styles: `
    :host {
      display: block;
      width: min(100%, 13rem);
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius-sm);
    }
  `,
})
export class QrCodeComponent {
  readonly value = input.required<string>();
  /** What the code is for, for screen readers. */
  readonly label = input.required<string>();
  protected readonly qr = computed(() => qrSvg(this.value()));
}
