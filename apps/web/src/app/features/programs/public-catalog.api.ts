import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Page, PublicProgram, PublicProgramDetail, PublicProgramListQuery } from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { queryParams as params } from '../../shared/data/query-params';

/** The open catalog (no sign-in): published programs open to anyone. */
@Injectable({ providedIn: 'root' })
export class PublicCatalogApi {
  private readonly http = inject(HttpClient);

  list(query: PublicProgramListQuery): Observable<Page<PublicProgram>> {
    return this.http.get<Page<PublicProgram>>('/api/v1/public/programs', { params: params(query) });
  }

  get(code: string): Observable<PublicProgramDetail> {
    return this.http.get<PublicProgramDetail>(`/api/v1/public/programs/${encodeURIComponent(code)}`);
  }

  /** The printable poster's address (a plain link: no sign-in, the browser downloads or shows it). */
  posterUrl(code: string, lang: string): string {
    return `/api/v1/public/programs/${encodeURIComponent(code)}/poster.pdf?lang=${lang}`;
  }
}
