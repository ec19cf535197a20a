import { Injectable, computed, inject } from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';

/** The zone the viewer lives in: their profile's when signed in, else the browser's. */
@Injectable({ providedIn: 'root' })
export class ViewerZone {
  private readonly auth = inject(AuthService);
  readonly browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  readonly zone = computed(() => this.auth.user()?.timeZone ?? this.browserZone);
}
