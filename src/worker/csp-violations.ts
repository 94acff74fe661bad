/// <reference lib="webworker" />
/**
 * A CSP violation inside the worker is reported only to the worker itself: DevTools shows it, but
 * neither the page nor the browser tests would. Logging it as an error makes it visible to both.
 */
/** The fields we log (the event type is in the DOM library only, not the worker's). */
interface CspViolation {
  effectiveDirective: string;
  blockedURI: string;
  sourceFile: string;
}

self.addEventListener('securitypolicyviolation', (event) => {
  const e = event as Event & CspViolation;
  console.error(
    `CSP violation in the ML worker: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile || 'unknown source'})`,
  );
});

export {};
