import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { problemOf } from '../../core/http/problem';

type UnlockState = 'working' | 'done' | 'invalid' | 'failed';

/** The page an "unlock sign-in" e-mail links to, after many failed sign-ins locked the account. */
@Component({
  selector: 'sb-unlock-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="narrow" data-testid="unlock-page" [attr.data-state]="state()">
      <h1>{{ 'auth.unlock.title' | translate }}</h1>
      @switch (state()) {
        @case ('working') {
          <p class="loading" role="status">{{ 'auth.unlock.working' | translate }}</p>
        }
        @case ('done') {
          <div class="alert alert-success" role="status" data-testid="unlock-done">
            {{ 'auth.unlock.done' | translate }}
          </div>
          <p class="actions">
            <a class="btn btn-primary" routerLink="/sign-in">{{ 'auth.unlock.signIn' | translate }}</a>
            <a class="btn btn-secondary" routerLink="/forgot-password">{{ 'auth.signIn.forgotLink' | translate }}</a>
          </p>
          <p class="hint">{{ 'auth.unlock.notYou' | translate }}</p>
        }
        @case ('invalid') {
          <div class="alert alert-error" role="alert" data-testid="unlock-invalid">
            {{ 'auth.links.invalid' | translate }}
          </div>
          <p>{{ 'auth.unlock.invalidHint' | translate }}</p>
          <a class="btn btn-secondary" routerLink="/sign-in">{{ 'auth.unlock.signIn' | translate }}</a>
        }
        @case ('failed') {
          <div class="alert alert-error" role="alert">{{ 'errors.' + failure() | translate }}</div>
          <button type="button" class="btn btn-secondary" (click)="unlock()">
            {{ 'auth.links.retry' | translate }}
          </button>
        }
      }
    </section>
  `,
})
export class UnlockPage implements OnInit {
  private readonly api = inject(AccountApi);

  /** From the e-mailed link (`?token=`). */
  readonly token = input<string>();

  protected readonly state = signal<UnlockState>('working');
  protected readonly failure = signal('');

  ngOnInit(): void {
    void this.unlock();
  }

  protected async unlock(): Promise<void> {
    const token = this.token();
    if (!token) return this.state.set('invalid');
    this.state.set('working');
    try {
      await firstValueFrom(this.api.unlock(token));
      this.state.set('done');
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === ErrorCode.TokenInvalid || problem.status === 400) {
        this.state.set('invalid');
      } else {
        this.failure.set(problem.code);
        this.state.set('failed');
      }
    }
  }
}
