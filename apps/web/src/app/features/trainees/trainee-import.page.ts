import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';
import { TranslatePipe } from '@ngx-translate/core';
import {
  TRAINEE_IMPORT_COLUMNS,
  TRAINEE_IMPORT_MAX_ROWS,
  TRAINEE_IMPORT_REQUIRED_COLUMNS,
} from '@skillbridge/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { saveBlob } from '../../shared/data/file-download';
import { ImportWizard, importTemplateCsv, previewView } from './import-wizard';
import { TraineesApi } from './trainees.api';
import { PrivacyApi } from '../privacy/privacy.api';

/** Most preview rows drawn at once; a large file's problems still all show with "only rows with problems". */
const PREVIEW_LIMIT = 500;

/**
 * The trainee import: choose a CSV or XLSX file, check it (dry run), read
 * each problem at its row and column, fix the file and check again, then
 * confirm. Partners import into their own institution; admins' files name
 * each row's institution by code.
 */
@Component({
  selector: 'sb-trainee-import-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './trainee-import.page.html',
  styleUrl: './trainee-import.page.css',
})
export class TraineeImportPage {
  private readonly api = inject(TraineesApi);
  private readonly auth = inject(AuthService);

  protected readonly columns = TRAINEE_IMPORT_COLUMNS;
  protected readonly required: readonly string[] = TRAINEE_IMPORT_REQUIRED_COLUMNS;
  protected readonly maxRows = TRAINEE_IMPORT_MAX_ROWS;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly base = computed(() => (this.isAdmin() ? '/admin' : '/partner'));

  /** The notice the importer attests their people were informed with (its version goes with the import). */
  protected readonly notice = toSignal(
    inject(PrivacyApi)
      .current()
      .pipe(catchError(() => of(null))),
    {
      initialValue: null,
    },
  );
  protected readonly attested = signal(false);
  protected readonly wizard = new ImportWizard((file, dryRun) => {
    const notice = this.notice();
    return this.api.import(file, dryRun, dryRun || !notice ? undefined : { noticeVersion: notice.version });
  });
  protected readonly canCommit = computed(() => this.wizard.canCommit() && this.attested() && this.notice() !== null);
  protected readonly onlyProblems = signal(true);
  protected readonly view = computed(() => {
    const report = this.wizard.report();
    return report ? previewView(report) : null;
  });
  protected readonly shownLines = computed(() => {
    const view = this.view();
    if (!view) return [];
    const lines = this.onlyProblems()
      ? view.lines.filter((line) => line.action === 'error' || line.rowProblems.length || hasProblems(line.problems))
      : view.lines;
    return lines.slice(0, PREVIEW_LIMIT);
  });
  protected readonly previewLimit = PREVIEW_LIMIT;

  protected pick(input: HTMLInputElement): void {
    this.wizard.choose(input.files?.[0] ?? null);
    // The same file name may be picked again after fixing it; clear the input so that fires a change.
    input.value = '';
  }

  protected async check(): Promise<void> {
    await this.wizard.check();
    const report = this.wizard.report();
    this.onlyProblems.set(!!report && report.errors.length > 0);
  }

  protected downloadTemplate(): void {
    saveBlob(new Blob([importTemplateCsv()], { type: 'text/csv;charset=utf-8' }), 'trainees-template.csv');
  }

  protected sizeInKb(bytes: number): string {
    return Math.max(1, Math.round(bytes / 1024)).toLocaleString();
  }
}

function hasProblems(problems: Partial<Record<string, string[]>>): boolean {
  return Object.values(problems).some((list) => !!list?.length);
}
