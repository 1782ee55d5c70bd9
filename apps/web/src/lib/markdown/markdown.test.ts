import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders the Markdown people write in notes', () => {
    const html = renderMarkdown('**Pass rate** 94 %\n\n- one\n- two\n\n`code`');
    expect(html).toContain('<strong>Pass rate</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>code</code>');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>hello', /<script/i],
    ['an event handler', '<p onclick="alert(1)">x</p>', /onclick/i],
    ['an image with onerror', '<img src=x onerror=alert(1)>', /<img|onerror/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD4=)', /data:/i],
    ['an iframe', '<iframe src="https://example.com"></iframe>', /<iframe/i],
    ['a style attribute', '<p style="background:url(https://x)">x</p>', /style=/i],
    ['a form', '<form action="/sign-out" method="post"><button>go</button></form>', /<form|<button/i],
    ['a protocol-relative link', '[x](//evil.example/)', /evil\.example/],
  ])('removes %s', (_label, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  it('keeps http links and makes them open safely', () => {
    const html = renderMarkdown('[report](https://example.com/eval)');
    expect(html).toContain('href="https://example.com/eval"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('target="_blank"');
  });

  it('drops images (no remote loads from notes)', () => {
    expect(renderMarkdown('![chart](https://example.com/a.png)')).not.toContain('<img');
  });
});
