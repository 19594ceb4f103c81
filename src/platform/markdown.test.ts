import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '```\n</code><script>alert(1)</script>\n```',
  '<<script>script>alert(1)<</script>/script>',
];

describe('renderMarkdown', () => {
  it('renders the markdown people use', () => {
    const html = renderMarkdown('**Printer** on floor 2 is *jammed*.\n\n- step one\n- [guide](https://intranet.example/guide)');
    expect(html).toContain('<strong>Printer</strong>');
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet">');
    expect(html).toMatch(/<a [^>]*href="https:\/\/intranet\.example\/guide"[^>]*>guide<\/a>/);
  });
  const safeTags = new Set([
    'p',
    'br',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
  ]);
  /** Every tag in the HTML, with what is wrong with it; an empty list means there were no tags to check. */
  function tagsOf(html: string) {
    return [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)].map(([tag, name, attrs]) => ({
      tag,
      unsafe: !safeTags.has(name!.toLowerCase()) || /\son\w+\s*=|style\s*=|(javascript|data|vbscript):/i.test(attrs!),
    }));
  }
  it('makes a heading written with # a section of the page, in the page’s heading styles', () => {
    expect(renderMarkdown('# Minutes\n\n### Actions')).toBe('<h2 class="govuk-heading-m">Minutes</h2>\n<h3 class="govuk-heading-s">Actions</h3>\n');
  });
  it('has a check that finds an unsafe tag or attribute', () => {
    expect(tagsOf('<p>x</p><script>alert(1)</script>').filter((t) => t.unsafe)).toHaveLength(2);
    expect(
      tagsOf('<a href="https://ok.example" onclick="alert(1)">x</a>')
        .filter((t) => t.unsafe)
        .map((t) => t.tag),
    ).toEqual(['<a href="https://ok.example" onclick="alert(1)">']);
  });
  it.each(payloads)('cannot inject script or styles: %s', (payload) => {
    const html = renderMarkdown(payload);
    // Every real tag left is a safe one, with no handler, style or script URL; the rest is escaped text.
    const tags = tagsOf(html);
    expect(tags.length).toBeGreaterThan(0); // every payload renders as a paragraph or a code block at least
    expect(tags.filter((t) => t.unsafe).map((t) => t.tag)).toEqual([]);
    expect(html.includes('&lt;'), 'every < the payload had is escaped text').toBe(payload.includes('<'));
  });
});
