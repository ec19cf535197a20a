import { ChangeDetectionStrategy, Component, inject, OnInit, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ROLES, type AuthUser, type Role, type UserListQuery } from '@skillbridge/contracts';
import { debounceTime, firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { AdminApi } from './admin.api';
import { PagedList } from '../../shared/data/paged-list';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';

@Component({
  selector: 'sb-user-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, ConfirmDialogComponent],
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

  /** What the confirmation dialog asks about: disabling or removing an account. */
  protected readonly pending = signal<{ action: 'disable' | 'remove'; user: AuthUser } | null>(null);
  protected readonly done = signal<{ action: 'disabled' | 'enabled' | 'removed'; name: string } | null>(null);
  private readonly dialog = viewChild.required(ConfirmDialogComponent);
  private readonly translate = inject(TranslateService);

  protected dialogTitle(): string {
    const pending = this.pending();
    return pending ? this.translate.instant(`userActions.${pending.action}Title`, { name: pending.user.fullName }) : '';
  }

  protected dialogMessage(): string {
    const pending = this.pending();
    return pending
      ? this.translate.instant(`userActions.${pending.action}Message`, {
          name: pending.user.fullName,
          email: pending.user.email,
        })
      : '';
  }

  protected dialogConfirm(): string {
    const pending = this.pending();
    return pending ? this.translate.instant(`userActions.${pending.action}Confirm`) : '';
  }

  /** Disabling and removing ask first; enabling again does not. */
  protected ask(action: 'disable' | 'remove', user: AuthUser): void {
    this.actionError.set(null);
    this.done.set(null);
    this.pending.set({ action, user });
    this.dialog().open();
  }

  protected async confirmed(): Promise<void> {
    const pending = this.pending();
    if (!pending) return;
    if (pending.action === 'disable') await this.setDisabled(pending.user, true);
    else await this.remove(pending.user);
  }

  protected enable(user: AuthUser): Promise<void> {
    this.done.set(null);
    return this.setDisabled(user, false);
  }

  /** Disabling signs the account out everywhere at once (the API revokes its tokens). */
  private async setDisabled(user: AuthUser, disabled: boolean): Promise<void> {
    this.actionError.set(null);
    try {
      const updated = await firstValueFrom(this.api.updateUser(user.id, { disabled }));
      this.list.items.update((items) => items.map((u) => (u.id === updated.id ? updated : u)));
      this.done.set({ action: disabled ? 'disabled' : 'enabled', name: user.fullName });
    } catch (error) {
      this.actionError.set(problemOf(error).code);
    }
  }

  /** Removing deletes the account (a trainee's profile and the audit trail stay); the API refuses one others depend on. */
  private async remove(user: AuthUser): Promise<void> {
    this.actionError.set(null);
    try {
      await firstValueFrom(this.api.deleteUser(user.id));
      this.list.items.update((items) => items.filter((u) => u.id !== user.id));
      this.done.set({ action: 'removed', name: user.fullName });
    } catch (error) {
      this.actionError.set(problemOf(error).code);
    }
  }
}
