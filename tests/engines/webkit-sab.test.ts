/** The core flows in WebKit with SharedArrayBuffer on, as Safari (iOS 15.2+) exposes it under COOP/COEP: single-threaded WASM until "Use all cores". */
import { coreFlows } from './core-flows';
import { webkit } from './webkit';

coreFlows(() => webkit({ sab: true }), { threads: 'asked' });
