/** The core flows in Firefox ESR (Gecko), headless over WebDriver BiDi: cross-origin isolated; WASM single-threaded until "Use all cores". */
import { coreFlows } from './core-flows';
import { firefox } from './firefox';

coreFlows(firefox, { threads: 'asked' });
