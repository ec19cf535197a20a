import { LinkifyIt } from 'linkify-it';
import { escapeHtml, isSystemUrl, mailHtml, mailText, unlinkable } from './mail-text';

const PUBLIC_URL = 'https://skillbridge.example.edu.cn';
/** A real linkifier (markdown-it's), set to find everything it can: bare domains, e-mail addresses, IPs. */
const linkifier = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
const linksIn = (text: string) => (linkifier.match(text) ?? []).map((m) => m.raw);
/** What a reader sees of an HTML fragment: its text, tags dropped, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&zwnj;/g, '\u200c')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What people type that mail clients would turn into links. */
const TYPED = [
  'see evil.example.com/login',
  'www.x.co',
  'write to help@evil.example.com today',
  'https://evil.example.com/reset?next=/',
  'HTTP://EVIL.EXAMPLE.COM',
  'mailto:someone@evil.example.com',
  '//evil.example.com/path',
  'http://10.0.0.1:8080/x',
  'evil.example.com/a?b=c#d',
  'ftp://files.evil.example.com/a',
  'skillbridge.example.edu.cn.evil.com/verify',
];

describe('unlinkable', () => {
  it.each(TYPED)('leaves a real linkifier nothing to link in %j', (typed) => {
    expect(linksIn(typed)).not.toEqual([]); // the linkifier does find it as typed …
    expect(linksIn(unlinkable(typed))).toEqual([]); // … and not once it is unlinkable
  });

  it('changes nothing a reader sees: only invisible non-joiners are added, and text without separators is left alone', () => {
    for (const typed of TYPED) expect(unlinkable(typed).replace(/\u200c/g, '')).toBe(typed);
    expect(unlinkable('ฟ้า ดาว (Fah Dao)')).toBe('ฟ้า ดาว (Fah Dao)');
    expect(unlinkable('a.b')).toBe('a\u200c.\u200cb');
  });

  it('breaks full-width and ideographic dots and slashes, which host names accept as well', () => {
    expect(new URL('http://evil。example．com').hostname).toBe('evil.example.com');
    expect(unlinkable('evil。example．com／x＠y：z')).toBe(
      'evil\u200c。\u200cexample\u200c．\u200ccom\u200c／\u200cx\u200c＠\u200cy\u200c：\u200cz',
    );
  });

  it('would give a lax linkifier only a dead link: a non-joiner is not allowed in a host name', () => {
    expect(() => new URL(`http://${unlinkable('evil.example.com')}/login`)).toThrow();
  });
});

describe('escapeHtml', () => {
  it('escapes markup and both quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'q'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;',
    );
    expect(escapeHtml('<img src=x onerror=alert(1)>')).not.toMatch(/[<>]/);
  });
});

describe('mailHtml', () => {
  it('escapes the line, user text included', () => {
    const html = mailHtml(
      `Reason: ${unlinkable('<script>alert("x")</script> & <a href="https://evil.com">')}`,
      PUBLIC_URL,
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<a');
    expect(textOf(html).replace(/\u200c/g, '')).toBe(
      'Reason: <script>alert("x")</script> & <a href="https://evil.com">',
    );
  });

  it('links the system’s own URLs and nothing else', () => {
    const html = mailHtml(
      `Verify at ${PUBLIC_URL}/verify/K7Q2-9XZ4. Reason: ${unlinkable('see evil.example.com/login')}`,
      PUBLIC_URL,
    );
    expect(html).toContain(`<a href="${PUBLIC_URL}/verify/K7Q2-9XZ4">${PUBLIC_URL}/verify/K7Q2-9XZ4</a>.`);
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(linksIn(textOf(html))).toEqual([`${PUBLIC_URL}/verify/K7Q2-9XZ4`]);
  });

  it('splits user text at each breaker into separate text nodes, for clients that linkify node by node', () => {
    expect(mailHtml(unlinkable('x.co'), PUBLIC_URL)).toBe('x<span>&zwnj;</span>.<span>&zwnj;</span>co');
  });

  it('keeps a URL that was not made unlinkable from becoming a link, even one that starts like the system’s', () => {
    for (const url of ['https://evil.example.com/login', `${PUBLIC_URL}.evil.com/verify`, `${PUBLIC_URL}@evil.com`]) {
      const html = mailHtml(`Reason: ${url}`, PUBLIC_URL);
      expect(html).not.toContain('<a');
      expect(linksIn(textOf(html))).toEqual([]);
    }
  });

  it('escapes what goes into a system link’s address', () => {
    expect(mailHtml(`${PUBLIC_URL}/x?a=1&b="2"`, PUBLIC_URL)).toBe(
      `<a href="${PUBLIC_URL}/x?a=1&amp;b=">${PUBLIC_URL}/x?a=1&amp;b=</a>&quot;2&quot;`,
    );
  });
});

describe('mailText', () => {
  it('keeps the system’s URLs as they are and makes any other URL unlinkable', () => {
    const line = mailText(`Open ${PUBLIC_URL}/my/programs or https://evil.example.com/x`, PUBLIC_URL);
    expect(line).toContain(`${PUBLIC_URL}/my/programs`);
    expect(linksIn(line)).toEqual([`${PUBLIC_URL}/my/programs`]);
  });
});

describe('isSystemUrl', () => {
  it('is the public address or a path under it, nothing that merely starts with it', () => {
    expect(isSystemUrl(PUBLIC_URL, PUBLIC_URL)).toBe(true);
    expect(isSystemUrl(`${PUBLIC_URL}/profile`, `${PUBLIC_URL}/`)).toBe(true);
    expect(isSystemUrl(`${PUBLIC_URL}.evil.com/profile`, PUBLIC_URL)).toBe(false);
    expect(isSystemUrl(`${PUBLIC_URL}:8443/profile`, PUBLIC_URL)).toBe(false);
    expect(isSystemUrl('https://evil.example.com', PUBLIC_URL)).toBe(false);
  });
});
