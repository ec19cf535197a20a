import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ROLES, type AuthUser, type Role, type UserListQuery } from '@skillbridge/contracts';
import { debounceTime, firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { AdminApi } from './admin.api';
import { PagedList } from '../../shared/data/paged-list';

@Component({
  selector: 'sb-user-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-list.page.html',
})
export class UserListPage implements OnInit {
  private readonly api = inject(AdminApi);
  protected readonly auth = inject(AuthService);
  protected readonly roles = ROLES;

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    role: new FormControl<Role | ''>('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<AuthUser, UserListQuery>((query) => this.api.users(query));
  protected readonly actionError = signal<string | null>(null);

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): UserListQuery {
    const { q, role } = this.filters.getRawValue();
    return { q: q || undefined, role: role || undefined, limit: 25 };
  }

  /** Disabling signs the account out everywhere at once (the API revokes its tokens). */
  protected async toggle(user: AuthUser): Promise<void> {
    this.actionError.set(null);
    try {
      const updated = await firstValueFrom(this.api.updateUser(user.id, { disabled: !user.disabled }));
      this.list.items.update((items) => items.map((u) => (u.id === updated.id ? updated : u)));
    } catch (error) {
      this.actionError.set(problemOf(error).code);
    }
  }
}
