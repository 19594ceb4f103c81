import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tag, attribs) => ({ tagName: tag, attribs: { ...attribs, class: 'govuk-link', rel: 'noopener noreferrer' } }),
    p: () => ({ tagName: 'p', attribs: { class: 'govuk-body' } }),
    ul: () => ({ tagName: 'ul', attribs: { class: 'govuk-list govuk-list--bullet' } }),
    ol: () => ({ tagName: 'ol', attribs: { class: 'govuk-list govuk-list--number' } }),
    // The page has its own h1: a heading someone writes with # (minutes, an article) is a section of it.
    h1: () => ({ tagName: 'h2', attribs: { class: 'govuk-heading-m' } }),
    h2: () => ({ tagName: 'h2', attribs: { class: 'govuk-heading-m' } }),
    h3: () => ({ tagName: 'h3', attribs: { class: 'govuk-heading-s' } }),
    h4: () => ({ tagName: 'h4', attribs: { class: 'govuk-heading-s' } }),
  },
  allowedClasses: {
    h2: ['govuk-heading-m'],
    h3: ['govuk-heading-s'],
    h4: ['govuk-heading-s'],
    a: ['govuk-link'],
    p: ['govuk-body'],
    ul: ['govuk-list', 'govuk-list--bullet'],
    ol: ['govuk-list', 'govuk-list--number'],
  },
};

// Rendering is a pure function of the text, and timelines show the same texts again and again.
const cache = new Map<string, string>();
const cacheSize = 5000;

/** Markdown as people type it, rendered to HTML that can carry no script, styles or event handlers. */
export function renderMarkdown(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const html = sanitizeHtml(md.render(text), allowed);
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
  if (text.length < 20_000) cache.set(text, html);
  return html;
}
