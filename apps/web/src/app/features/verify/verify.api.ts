import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Verification } from '@skillbridge/contracts';
import { Observable } from 'rxjs';

/** The public check of a certificate: no account needed. */
@Injectable({ providedIn: 'root' })
export class VerifyApi {
  private readonly http = inject(HttpClient);

  verify(code: string): Observable<Verification> {
    return this.http.get<Verification>(`/api/v1/verify/${encodeURIComponent(code)}`);
  }
}
