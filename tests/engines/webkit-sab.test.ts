/** The core flows in WebKit with SharedArrayBuffer on, as Safari (iOS 15.2+) exposes it under COOP/COEP: threaded WASM. */
import { coreFlows } from './core-flows';
import { webkit } from './webkit';

coreFlows(() => webkit({ sab: true }), { threads: 'all' });
