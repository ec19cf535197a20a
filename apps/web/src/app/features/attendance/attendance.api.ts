import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Assessment,
  AssessmentRequest,
  AttendanceMark,
  AttendanceSheet,
  BulkAssessmentRequest,
  BulkAssessmentResult,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';

/** Typed calls for a session's register and an enrolment's assessment. */
@Injectable({ providedIn: 'root' })
export class AttendanceApi {
  private readonly http = inject(HttpClient);

  sheet(sessionId: string): Observable<AttendanceSheet> {
    return this.http.get<AttendanceSheet>(`/api/v1/sessions/${sessionId}/attendance`);
  }

  /** Replaces the whole register: a trainee left out of `marks` loses their mark. */
  save(sessionId: string, marks: AttendanceMark[]): Observable<AttendanceSheet> {
    return this.http.put<AttendanceSheet>(`/api/v1/sessions/${sessionId}/attendance`, marks);
  }

  assess(enrolmentId: string, body: AssessmentRequest): Observable<Assessment> {
    return this.http.put<Assessment>(`/api/v1/enrolments/${enrolmentId}/assessment`, body);
  }

  /** Several scores of one program, saved together or not at all. */
  assessMany(programId: string, body: BulkAssessmentRequest): Observable<BulkAssessmentResult> {
    return this.http.put<BulkAssessmentResult>(`/api/v1/programs/${programId}/assessments`, body);
  }
}
