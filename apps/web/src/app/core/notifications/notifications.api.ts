import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MarkedRead, Notification, NotificationListQuery, Page, UnreadCount } from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { queryParams } from '../../shared/data/query-params';

/**
 * Typed calls for the signed-in person's own notifications. Titles and bodies
 * arrive already worded in the `Accept-Language` the interceptor sends (the
 * page's language) and dated in the person's own time zone.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(query: NotificationListQuery): Observable<Page<Notification>> {
    return this.http.get<Page<Notification>>('/api/v1/notifications', { params: queryParams(query) });
  }

  unreadCount(): Observable<UnreadCount> {
    return this.http.get<UnreadCount>('/api/v1/notifications/unread-count');
  }

  markRead(id: string): Observable<Notification> {
    return this.http.post<Notification>(`/api/v1/notifications/${id}/read`, null);
  }

  markAllRead(): Observable<MarkedRead> {
    return this.http.post<MarkedRead>('/api/v1/notifications/read-all', null);
  }
}
