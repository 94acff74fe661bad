/** The core flows in WebKit (WebKitGTK MiniBrowser) as WebKitGTK ships it: no SharedArrayBuffer, WASM on one thread. */
import { coreFlows } from './core-flows';
import { webkit } from './webkit';

coreFlows(() => webkit({ sab: false }), { threads: 'none' });
