import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Assessment,
  AssessmentRequest,
  AttendanceLine,
  AttendanceMark,
  AttendanceMarkPatch,
  AttendanceSheet,
  BulkAssessmentRequest,
  BulkAssessmentResult,
} from '@skillbridge/contracts';
import { map, Observable } from 'rxjs';

/** The If-Match value of a register version. */
export const ifMatch = (version: string) => `"${version}"`;

/** The version an answer's ETag names (quotes removed), if any. */
export function versionOf(response: HttpResponse<unknown>): string | null {
  const tag = response.headers.get('ETag');
  const match = tag ? /^"([^"]*)"$/.exec(tag) : null;
  return match ? match[1] : null;
}

/** Typed calls for a session's register and an enrolment's assessment. */
@Injectable({ providedIn: 'root' })
export class AttendanceApi {
  private readonly http = inject(HttpClient);

  sheet(sessionId: string): Observable<AttendanceSheet> {
    return this.http.get<AttendanceSheet>(`/api/v1/sessions/${sessionId}/attendance`);
  }

  /**
   * Replaces the whole register: a trainee left out of `marks` loses their mark. With `version`, only if the
   * register is still that version (else 412 ATTENDANCE_CHANGED carrying the register as it is now).
   */
  save(sessionId: string, marks: AttendanceMark[], version?: string): Observable<AttendanceSheet> {
    return this.http.put<AttendanceSheet>(`/api/v1/sessions/${sessionId}/attendance`, marks, {
      headers: version === undefined ? {} : { 'If-Match': ifMatch(version) },
    });
  }

  /** One trainee's mark; with `previous`, only if the server still holds that mark (else 412 with `current`). */
  mark(
    sessionId: string,
    traineeId: string,
    body: AttendanceMarkPatch,
  ): Observable<{ line: AttendanceLine; version: string | null }> {
    return this.http
      .patch<AttendanceLine>(`/api/v1/sessions/${sessionId}/attendance/${traineeId}`, body, { observe: 'response' })
      .pipe(map((response) => ({ line: response.body as AttendanceLine, version: versionOf(response) })));
  }

  assess(enrolmentId: string, body: AssessmentRequest): Observable<Assessment> {
    return this.http.put<Assessment>(`/api/v1/enrolments/${enrolmentId}/assessment`, body);
  }

  /** Several scores of one program, saved together or not at all. */
  assessMany(programId: string, body: BulkAssessmentRequest): Observable<BulkAssessmentResult> {
    return this.http.put<BulkAssessmentResult>(`/api/v1/programs/${programId}/assessments`, body);
  }
}
