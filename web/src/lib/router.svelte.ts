// Hash routes (#/plans/3), so deep links work without the server knowing
// the pages: the route is the hash split at "/".
function parse(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export const route = $state({ parts: parse() });

window.addEventListener('hashchange', () => {
  route.parts = parse();
});

export function go(path: string): void {
  location.hash = '#/' + path;
}
