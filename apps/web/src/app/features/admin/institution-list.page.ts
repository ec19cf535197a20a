import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  INSTITUTION_KINDS,
  type Institution,
  type InstitutionKind,
  type InstitutionListQuery,
} from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { AdminApi } from './admin.api';
import { PagedList } from '../../shared/data/paged-list';

@Component({
  selector: 'sb-institution-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedPipe, CountryNamePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './institution-list.page.html',
})
export class InstitutionListPage implements OnInit {
  private readonly api = inject(AdminApi);
  protected readonly countries = inject(CountryNames);
  protected readonly kinds = INSTITUTION_KINDS;

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl<InstitutionKind | ''>('', { nonNullable: true }),
    country: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<Institution, InstitutionListQuery>((query) => this.api.institutions(query));

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): InstitutionListQuery {
    const { q, kind, country } = this.filters.getRawValue();
    return {
      q: q || undefined,
      kind: kind || undefined,
      country: (country || undefined) as InstitutionListQuery['country'],
      limit: 25,
    };
  }
}
