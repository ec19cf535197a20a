import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { MyLogisticsEntry } from '@skillbridge/contracts';
import { LogisticsApi } from './logistics.api';

/**
 * What the signed-in trainee's programs still need, fetched once for a list of programs
 * (provide it on the list's component, so every visit asks again).
 */
@Injectable()
export class MyLogisticsStore {
  private readonly api = inject(LogisticsApi);
  private readonly byEnrolment = signal<ReadonlyMap<string, MyLogisticsEntry>>(new Map());
  private requested = false;

  /** The needs of one enrolment, once known; none when its program collects nothing or all is in. */
  need(enrolmentId: string): MyLogisticsEntry | undefined {
    if (!this.requested) {
      this.requested = true;
      // A list without logistics (or an API without them yet) shows nothing more.
      void firstValueFrom(this.api.mine()).then(
        (needs) => this.byEnrolment.set(new Map(needs.map((need) => [need.enrolmentId, need]))),
        () => undefined,
      );
    }
    return this.byEnrolment().get(enrolmentId);
  }
}
