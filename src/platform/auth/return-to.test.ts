import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './routes.js';

describe('safeReturnTo', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnTo('/admin/people')).toBe('/admin/people');
    expect(safeReturnTo('/service-desk/tickets?status=open&q=printer#list')).toBe('/service-desk/tickets?status=open&q=printer#list');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    ['a tab between slashes', '/\t/127.0.0.1:3199/phish'],
    ['a tab at the start', '\t//evil.example/'],
    ['a carriage return and line feed', '/\r\nSet-Cookie: x=1'],
    ['a line feed', '/a\nb'],
    ['a NUL', '/a\u0000b'],
    ['a DEL', '/a\u007fb'],
    ['a backslash', '/\\evil.example/'],
    ['two backslashes', '\\\\evil.example/'],
    ['a backslash later in the path', '/a\\b'],
    ['a scheme-relative address', '//evil.example/'],
    ['three slashes', '///evil.example/'],
    ['an absolute address', 'https://x'],
    ['an absolute address with a path', 'https://evil.example/sign-in'],
    ['a javascript: address', 'javascript:alert(1)'],
    ['a data: address', 'data:text/html,hi'],
    ['a relative path', 'admin/people'],
    ['an encoded scheme-relative address', '/%2F%2Fevil.example/'],
    ['an encoded tab', '/%09/evil.example/'],
    ['an encoded backslash', '/%5Cevil.example/'],
    ['an encoded line feed', '/a%0d%0aSet-Cookie:%20x=1'],
    ['a doubly encoded tab', '/%2509/evil.example/'],
    ['an empty string', ''],
    ['a very long value', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_what, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('refuses anything that is not a string', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(['/a', '/b'])).toBe('/');
    expect(safeReturnTo({ toString: () => '/a' })).toBe('/');
  });
});
