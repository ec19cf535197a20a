import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Instructor, InstructorListQuery } from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { InstitutionOptions } from './institution-options';
import { InstructorsApi } from './instructors.api';
import { LanguageNames } from './language-names';

/** Instructor profiles: the college's teachers (with accounts) and guest experts (without), found by name or expertise. */
@Component({
  selector: 'sb-instructor-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './instructor-list.page.html',
})
export class InstructorListPage implements OnInit {
  private readonly api = inject(InstructorsApi);
  protected readonly institutions = inject(InstitutionOptions);
  protected readonly languageNames = inject(LanguageNames);

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    institutionId: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<Instructor, InstructorListQuery>((query) => this.api.list(query));
  protected readonly institutionFailure = signal<string | null>(null);

  ngOnInit(): void {
    void this.list.load(this.query());
    this.institutions.load().catch((error: unknown) => this.institutionFailure.set(problemOf(error).code));
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): InstructorListQuery {
    const { q, institutionId } = this.filters.getRawValue();
    return { q: q || undefined, institutionId: institutionId || undefined, limit: 25 };
  }

  protected languagesOf(instructor: Instructor): string {
    return instructor.languages.map((code) => this.languageNames.name(code)).join(', ');
  }
}
