/**
 * The ML worker's "still alive" message, posted every second beside Comlink's traffic. The page
 * gives a starting worker a deadline (src/app/engine-connection.ts); no TF.js here, the page imports it.
 */
const KEY = 'pvHeartbeat';

export const HEARTBEAT_MS = 1000;

export const heartbeatMessage = () => ({ [KEY]: true });

export function isHeartbeat(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[KEY] === true;
}
