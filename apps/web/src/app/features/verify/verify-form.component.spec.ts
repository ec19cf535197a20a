import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { VerifyFormComponent } from './verify-form.component';

describe('VerifyFormComponent', () => {
  async function render() {
    TestBed.configureTestingModule({
      imports: [VerifyFormComponent],
      providers: [provideRouter([]), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).use('en');
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(VerifyFormComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const input = element.querySelector('[data-testid="verify-code-input"]') as HTMLInputElement;
    const submit = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      element.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
      await fixture.whenStable();
    };
    return { element, navigate, submit };
  }

  it('opens the verification page of the code typed, or of the pasted link', async () => {
    const { navigate, submit } = await render();
    await submit(' Zx8_k2-Qm4a9Lr0Tb7YwEg ');
    expect(navigate).toHaveBeenLastCalledWith(['/verify', 'Zx8_k2-Qm4a9Lr0Tb7YwEg']);
    await submit('https://skillbridge.example/verify/Zx8_k2-Qm4a9Lr0Tb7YwEg');
    expect(navigate).toHaveBeenCalledTimes(2);
  });

  it('takes the serial or the printed code however it was typed, and says that it does', async () => {
    const { element, navigate, submit } = await render();
    await submit('sb-2026-000164');
    expect(navigate).toHaveBeenLastCalledWith(['/verify', 'SB-2026-000164']);
    await submit('7kq4-m9tx-2whp-cv3r-bn8d-gz6e');
    expect(navigate).toHaveBeenLastCalledWith(['/verify', '7KQ4M9TX2WHPCV3RBN8DGZ6E']);
    expect(element.querySelector('label')?.textContent?.trim()).toBe('Serial number, code or link');
    expect(element.querySelector('.hint')?.textContent).toContain('SB-2026-000164');
  });

  it('asks for a code when the field is empty', async () => {
    const { element, navigate, submit } = await render();
    await submit('   ');
    expect(navigate).not.toHaveBeenCalled();
    expect(element.querySelector('[data-testid="field-error"]')?.textContent?.trim()).toBe('Please fill this in.');
  });
});
