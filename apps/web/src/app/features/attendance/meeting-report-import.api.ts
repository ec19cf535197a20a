import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AttendanceImportResult, ImportAssignment } from '@skillbridge/contracts';
import { Observable } from 'rxjs';

/** `POST /sessions/:id/attendance/import`: a meeting platform's participant report read into the register. */
@Injectable({ providedIn: 'root' })
export class MeetingReportImportApi {
  private readonly http = inject(HttpClient);

  import(
    sessionId: string,
    file: File,
    dryRun: boolean,
    assignments: readonly ImportAssignment[] = [],
  ): Observable<AttendanceImportResult> {
    const body = new FormData();
    if (assignments.length) body.append('assignments', JSON.stringify(assignments));
    body.append('file', file, file.name);
    return this.http.post<AttendanceImportResult>(`/api/v1/sessions/${sessionId}/attendance/import`, body, {
      params: new HttpParams().set('dryRun', String(dryRun)),
    });
  }
}
