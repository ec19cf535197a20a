import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { LogisticsStatusEntry, Room } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { RoomsComponent } from './rooms.component';

const PEOPLE: LogisticsStatusEntry[] = [
  {
    enrolmentId: 'e1',
    traineeId: 't1',
    fullName: 'Somsri Meesuk',
    complete: true,
    missing: [],
    warnings: [],
    gender: 'female',
  },
  {
    enrolmentId: 'e2',
    traineeId: 't2',
    fullName: 'Anan Jaingam',
    complete: true,
    missing: [],
    warnings: [],
    gender: 'male',
  },
];
const ROOMS: Room[] = [
  { id: 'r1', programId: 'p1', name: 'Guest house 201', capacity: 2, gender: 'female', occupants: [] },
  {
    id: 'r2',
    programId: 'p1',
    name: 'Guest house 202',
    capacity: 1,
    gender: 'any',
    occupants: [{ enrolmentId: 'e3', traineeId: 't3', fullName: 'Nguyen Van An' }],
  },
];

async function render() {
  TestBed.configureTestingModule({
    imports: [RoomsComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(RoomsComponent);
  fixture.componentRef.setInput('programId', 'p1');
  fixture.componentRef.setInput('rooms', ROOMS);
  fixture.componentRef.setInput('people', PEOPLE);
  const changed = jest.fn();
  fixture.componentInstance.changed.subscribe(changed);
  fixture.detectChanges();
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  return { fixture, backend, element, all, one, changed, settle };
}

describe('RoomsComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists who has no room yet, and a full room cannot be chosen', async () => {
    const { all } = await render();
    expect(all('rooms-person').map((li) => li.dataset['enrolment'])).toEqual(['e1', 'e2']);
    const select = all('rooms-person-room')[0] as HTMLSelectElement;
    const full = [...select.options].find((o) => o.value === 'r2');
    expect(full?.disabled).toBe(true);
    expect(full?.textContent?.trim()).toBe('Guest house 202 (1/1)');
  });

  it('assigns by the list (keyboard and phone) and says the refusal of a room of the other gender', async () => {
    const { all, one, backend, changed, settle, fixture } = await render();
    const select = all('rooms-person-room')[1] as HTMLSelectElement;
    select.value = 'r1';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    all('rooms-person-assign')[1].click();
    const request = backend.expectOne('/api/v1/enrolments/e2/room');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ roomId: 'r1' });
    request.flush(
      { type: 'about:blank', title: 'Conflict', status: 409, detail: '', code: 'ROOM_GENDER' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const error = one('rooms-assign-error');
    expect(error?.dataset['code']).toBe('ROOM_GENDER');
    expect(error?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Anan Jaingam could not be put in Guest house 201: This room is for another gender than the trainee’s.',
    );
    expect(changed).not.toHaveBeenCalled();

    all('rooms-person-assign')[1].click();
    backend.expectOne('/api/v1/enrolments/e2/room').flush({});
    await settle();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(one('rooms-notice')?.textContent?.trim()).toBe("Anan Jaingam's room was saved.");
  });

  it('assigns by dropping a name on a room, and takes an occupant out', async () => {
    const { all, backend, settle } = await render();
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    const drag = (target: HTMLElement, type: string) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.assign(event, { dataTransfer });
      target.dispatchEvent(event);
    };
    drag(all('rooms-person')[0], 'dragstart');
    drag(all('room')[0], 'dragover');
    drag(all('room')[0], 'drop');
    const dropped = backend.expectOne('/api/v1/enrolments/e1/room');
    expect(dropped.request.body).toEqual({ roomId: 'r1' });
    dropped.flush({});
    await settle();

    all('room-occupant-remove')[0].click();
    const request = backend.expectOne('/api/v1/enrolments/e3/room');
    expect(request.request.body).toEqual({ roomId: null });
    request.flush({});
    await settle();
  });

  it('says ROOM_FULL in words', async () => {
    const { all, one, backend, settle, fixture } = await render();
    const select = all('rooms-person-room')[0] as HTMLSelectElement;
    select.value = 'r1';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    all('rooms-person-assign')[0].click();
    backend
      .expectOne('/api/v1/enrolments/e1/room')
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409, detail: '', code: 'ROOM_FULL' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(one('rooms-assign-error')?.textContent).toContain('This room is full.');
  });

  it('adds a room', async () => {
    const { one, backend, changed, settle } = await render();
    (one('room-new-name') as HTMLInputElement).value = 'Guest house 301';
    one('room-new-name')?.dispatchEvent(new Event('input'));
    (one('room-new-capacity') as HTMLInputElement).value = '3';
    one('room-new-capacity')?.dispatchEvent(new Event('input'));
    (one('room-new-gender') as HTMLSelectElement).value = 'male';
    one('room-new-gender')?.dispatchEvent(new Event('change'));
    one('room-add')?.click();
    const request = backend.expectOne('/api/v1/programs/p1/rooms');
    expect(request.request.body).toEqual({ name: 'Guest house 301', capacity: 3, gender: 'male' });
    request.flush({ ...ROOMS[0], id: 'r3' });
    await settle();
    expect(changed).toHaveBeenCalled();
    expect((one('room-new-name') as HTMLInputElement).value).toBe('');
  });
});
