import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ProgramReport, ReportOverview, ReportPeriodQuery } from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { FileDownloads } from '../../shared/data/file-download';
import { queryParams } from '../../shared/data/query-params';

/** Typed calls of the report screens, shaped by @skillbridge/contracts. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly files = inject(FileDownloads);

  overview(period: ReportPeriodQuery): Observable<ReportOverview> {
    return this.http.get<ReportOverview>('/api/v1/reports/overview', { params: queryParams(period) });
  }

  downloadOverview(period: ReportPeriodQuery): Promise<void> {
    return this.files.download('/api/v1/reports/overview.xlsx', 'overview.xlsx', period);
  }

  program(programId: string): Observable<ProgramReport> {
    return this.http.get<ProgramReport>(`/api/v1/reports/programs/${programId}`);
  }

  downloadProgram(programId: string, code: string): Promise<void> {
    return this.files.download(`/api/v1/reports/programs/${programId}/report.xlsx`, `report-${code}.xlsx`);
  }
}
