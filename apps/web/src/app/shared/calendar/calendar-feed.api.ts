import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CalendarFeed } from '@skillbridge/contracts';
import { Observable } from 'rxjs';

/** The signed-in person's own calendar address. */
@Injectable({ providedIn: 'root' })
export class CalendarFeedApi {
  private readonly http = inject(HttpClient);

  address(): Observable<CalendarFeed> {
    return this.http.get<CalendarFeed>('/api/v1/me/calendar-feed');
  }

  /** A new address; the old one stops working. */
  rotate(): Observable<CalendarFeed> {
    return this.http.post<CalendarFeed>('/api/v1/me/calendar-feed/rotate', {});
  }
}
