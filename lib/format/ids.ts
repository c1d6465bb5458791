/** The console's one way to shorten an id for the screen. Browser-safe, no React. */

/**
 * The first block of a UUID (8 characters) is enough to tell jobs apart on screen; the full id is one click away.
 * An id of up to 10 characters is shown whole: cutting one or two characters saves nothing and hides part of it.
 */
export function shortId(id: string): string {
  return id.length > 10 ? id.slice(0, 8) : id;
}
