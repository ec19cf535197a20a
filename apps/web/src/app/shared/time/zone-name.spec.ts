import { zoneName } from './zone-name';

describe('zoneName', () => {
  it('names a zone as people call it, in each of the four languages', () => {
    expect(zoneName('Asia/Shanghai', 'en')).toBe('China Standard Time');
    expect(zoneName('Asia/Shanghai', 'zh')).toBe('中国标准时间');
    expect(zoneName('Asia/Shanghai', 'th')).toBe('เวลามาตรฐานจีน');
    expect(zoneName('Asia/Shanghai', 'ms')).toBe('Waktu Piawai China');
  });

  it('names the viewer’s own zone too, never its raw id', () => {
    expect(zoneName('Asia/Bangkok', 'en')).toBe('Indochina Time');
    expect(zoneName('Asia/Bangkok', 'zh')).toBe('中南半岛时间');
    expect(zoneName('Asia/Bangkok', 'th')).toBe('เวลาอินโดจีน');
    expect(zoneName('Asia/Bangkok', 'ms')).toBe('Waktu Indochina');
  });

  it('gives a zone with summer time its generic name, whatever the season', () => {
    expect(zoneName('Europe/Berlin', 'en')).toBe('Central European Time');
    expect(zoneName('Europe/Berlin', 'ms')).toBe('Waktu Eropah Tengah');
  });

  it('falls back to the id for a zone Intl does not know', () => {
    expect(zoneName('Mars/Olympus_Mons', 'th')).toBe('Mars/Olympus_Mons');
  });
});
