// Keep a browser context offline: only file:, data: and blob: URLs load; any other request is aborted
// and its URL pushed to the returned list, which the checks report (a report must open offline).
export async function blockNetwork(context) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const requested = route.request().url();
    if (/^(file|data|blob):/i.test(requested)) return route.continue();
    blocked.push(requested);
    return route.abort('blockedbyclient');
  });
  return blocked;
}
