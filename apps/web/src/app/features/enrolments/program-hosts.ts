import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Institution, Program } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';

/**
 * The host institution of a program, asked once per program and institution
 * while the app runs: to name the organisers who decide on the application of
 * a trainee without a partner institution.
 */
@Injectable({ providedIn: 'root' })
export class ProgramHosts {
  private readonly http = inject(HttpClient);
  private readonly byProgram = new Map<string, Promise<Institution | null>>();
  private readonly institutions = new Map<string, Promise<Institution>>();

  hostOf(programId: string): Promise<Institution | null> {
    let host = this.byProgram.get(programId);
    if (!host) {
      host = firstValueFrom(this.http.get<Program>(`/api/v1/programs/${programId}`))
        .then((program) => this.institution(program.hostInstitutionId))
        .catch(() => {
          this.byProgram.delete(programId); // not remembered: another look may work
          return null;
        });
      this.byProgram.set(programId, host);
    }
    return host;
  }

  private institution(id: string): Promise<Institution> {
    let institution = this.institutions.get(id);
    if (!institution) {
      institution = firstValueFrom(this.http.get<Institution>(`/api/v1/institutions/${id}`));
      this.institutions.set(id, institution);
    }
    return institution;
  }
}
