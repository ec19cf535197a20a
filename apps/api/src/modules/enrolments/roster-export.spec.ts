import { neutralizeCell } from './roster-export';

describe('roster export cells', () => {
  it.each(['=1+1', '+66 81 234 5678', '-2+3', '@SUM(A1)', '\tcmd', '\rx'])('defuses %j', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });

  it('leaves names in every script alone', () => {
    for (const name of ['ศิริพร แก้วมณี', '陈思远', 'Nguyễn Thị Thu Hằng', 'O’Brien-Smith', '']) {
      expect(neutralizeCell(name)).toBe(name);
    }
  });
});
