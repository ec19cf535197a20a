import { Selection } from './selection';

describe('Selection', () => {
  it('ticks rows one by one and all at once, and knows when the "all" box is mixed', () => {
    const selection = new Selection();
    const visible = ['a', 'b', 'c'];
    expect(selection.allOf(visible)).toBe(false);
    expect(selection.someOf(visible)).toBe(false);

    selection.toggle('b', true);
    expect(selection.has('b')).toBe(true);
    expect(selection.someOf(visible)).toBe(true);
    expect(selection.allOf(visible)).toBe(false);

    selection.toggleAll(visible, true);
    expect(selection.count()).toBe(3);
    expect(selection.allOf(visible)).toBe(true);
    expect(selection.someOf(visible)).toBe(false);

    selection.toggle('a', false);
    expect(selection.selected().sort()).toEqual(['b', 'c']);

    selection.toggleAll(visible, false);
    expect(selection.count()).toBe(0);
  });

  it('keeps ticks of rows outside the shown page when ticking all, and drops those that left with retain()', () => {
    const selection = new Selection();
    selection.toggle('x', true);
    selection.toggleAll(['a', 'b'], true);
    expect(selection.count()).toBe(3);
    expect(selection.allOf([])).toBe(false);

    // a and x were decided and left the list
    selection.retain(['b', 'c']);
    expect(selection.selected()).toEqual(['b']);
    selection.clear();
    expect(selection.count()).toBe(0);
  });
});
