import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CheckInCode,
  CheckInResult,
  CheckInState,
  CheckInWindow,
  OpenCheckInRequest,
  Session,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';

/** Typed calls of QR check-in: the instructor's window and codes, the trainee's check-in. */
@Injectable({ providedIn: 'root' })
export class CheckInApi {
  private readonly http = inject(HttpClient);

  session(sessionId: string): Observable<Session> {
    return this.http.get<Session>(`/api/v1/sessions/${sessionId}`);
  }

  state(sessionId: string): Observable<CheckInState> {
    return this.http.get<CheckInState>(`/api/v1/sessions/${sessionId}/check-in`);
  }

  open(sessionId: string, body: OpenCheckInRequest): Observable<CheckInWindow> {
    return this.http.post<CheckInWindow>(`/api/v1/sessions/${sessionId}/check-in/open`, body);
  }

  close(sessionId: string): Observable<void> {
    return this.http.post<void>(`/api/v1/sessions/${sessionId}/check-in/close`, null);
  }

  code(sessionId: string): Observable<CheckInCode> {
    return this.http.get<CheckInCode>(`/api/v1/sessions/${sessionId}/check-in/code`);
  }

  checkIn(sessionId: string, code: string): Observable<CheckInResult> {
    return this.http.post<CheckInResult>(`/api/v1/sessions/${sessionId}/check-in`, { code });
  }
}
