let base = 'http://localhost:3000';

/** Set once at start from STEWARD_PUBLIC_URL, so emails can carry links people can follow. */
export function configureLinks(publicUrl: string) {
  base = publicUrl.replace(/\/$/, '');
}

export function absoluteLink(path: string) {
  return `${base}${path}`;
}
