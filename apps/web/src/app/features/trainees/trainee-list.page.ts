import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  LOCALE_NATIVE_NAMES,
  type CountryCode,
  type Institution,
  type Trainee,
  type TraineeListQuery,
} from '@skillbridge/contracts';
import { debounceTime, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { PagedList } from '../../shared/data/paged-list';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { AdminApi } from '../admin/admin.api';
import { TraineesApi } from './trainees.api';

/**
 * Trainees: a partner sees its own institution's (the API filters), an admin
 * everyone's with an institution filter. Links to adding one and importing a list.
 */
@Component({
  selector: 'sb-trainee-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedPipe, CountryNamePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './trainee-list.page.html',
})
export class TraineeListPage implements OnInit {
  private readonly api = inject(TraineesApi);
  private readonly auth = inject(AuthService);
  protected readonly countries = inject(CountryNames);
  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly base = computed(() => (this.isAdmin() ? '/admin' : '/partner'));

  protected readonly institutions = toSignal(
    inject(AdminApi)
      .institutions({ limit: 200 })
      .pipe(map((page) => page.items)),
    { initialValue: [] as Institution[] },
  );
  protected readonly institutionById = computed(() => new Map(this.institutions().map((i) => [i.id, i])));

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    nationality: new FormControl<CountryCode | ''>('', { nonNullable: true }),
    institutionId: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<Trainee, TraineeListQuery>((query) => this.api.list(query));

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): TraineeListQuery {
    const { q, nationality, institutionId } = this.filters.getRawValue();
    return {
      q: q.trim() || undefined,
      nationality: nationality || undefined,
      institutionId: (this.isAdmin() && institutionId) || undefined,
      limit: 25,
    };
  }
}
