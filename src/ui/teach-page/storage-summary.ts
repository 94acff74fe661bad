/** "Using 12 MB of 2.1 GB · kept safe" — from the Storage API, asking once for persistence. */
let asked = false;

const mb = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`);

export async function storageSummary(): Promise<string> {
  const storage = navigator.storage;
  if (!storage?.estimate) return '';
  let persisted = (await storage.persisted?.()) ?? false;
  if (!persisted && !asked && storage.persist) {
    asked = true;
    // Without this, the browser may clear the user's photos and models when space runs low.
    persisted = await storage.persist().catch(() => false);
  }
  const { usage = 0, quota = 0 } = await storage.estimate();
  return `Using ${mb(usage)}${quota ? ` of ${mb(quota)} available to the app` : ''}${persisted ? ' · protected from automatic clean-up' : ' · the browser may clear this when space runs low'}`;
}
