import type { CertificateDesign } from '@skillbridge/contracts';
import { canAddSignatory, designBody, designForm, imageFileHint, signatoryForm } from './certificate-design';

const design: CertificateDesign = {
  institutionId: 'i1',
  accentColor: '#7A1F2B',
  signatories: [
    { name: { zh: '王建国', en: 'Wang Jianguo' }, title: { zh: '校长', en: 'President' }, hasSignature: true },
  ],
  hasLogo: true,
  hasSeal: false,
};

describe('certificate design page logic', () => {
  it('fills the form from the design and sends it back as it was', () => {
    const form = designForm(design);
    expect(form.valid).toBe(true);
    expect(designBody(form)).toEqual({
      accentColor: '#7A1F2B',
      signatories: [{ name: { zh: '王建国', en: 'Wang Jianguo' }, title: { zh: '校长', en: 'President' } }],
    });
  });

  it('sends null for the colour when the default is chosen', () => {
    const form = designForm(design);
    form.controls.useAccent.setValue(false);
    expect(designBody(form).accentColor).toBeNull();
    expect(designBody(designForm()).accentColor).toBeNull();
  });

  it('refuses a colour too light for a white certificate, as the server would', () => {
    const form = designForm(design);
    form.controls.accentColor.setValue('#FFFF66');
    expect(form.controls.accentColor.errors).toEqual({ contrast: true });
    form.controls.accentColor.setValue('#1a3357');
    expect(form.controls.accentColor.errors).toBeNull();
    expect(designBody(form).accentColor).toBe('#1A3357');
  });

  it('allows two signatories at most, each with a name and a title', () => {
    const form = designForm(design);
    expect(canAddSignatory(form)).toBe(true);
    form.controls.signatories.push(signatoryForm());
    expect(canAddSignatory(form)).toBe(false);
    expect(form.valid).toBe(false); // the new one has neither name nor title yet
    form.controls.signatories.at(1).patchValue({ name: { th: 'หลี่ หมิง' }, title: { zh: '处长' } });
    expect(form.valid).toBe(true);
    expect(designBody(form).signatories[1]).toEqual({ name: { th: 'หลี่ หมิง' }, title: { zh: '处长' } });
  });

  it.each([
    [{ name: 'seal.png', type: 'image/png', size: 2000 }, null],
    [{ name: 'logo.JPG', type: '', size: 2000 }, null],
    [{ name: 'signature', type: 'image/jpeg', size: 2000 }, null],
    [{ name: 'seal.svg', type: 'image/svg+xml', size: 2000 }, 'type'],
    [{ name: 'names.txt', type: 'text/plain', size: 20 }, 'type'],
    [{ name: 'scan.png', type: 'image/png', size: 1024 * 1024 + 1 }, 'size'],
  ])('hints about %o before uploading: %s', (file, hint) => {
    expect(imageFileHint(file)).toBe(hint);
  });
});
