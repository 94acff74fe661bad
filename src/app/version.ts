/**
 * The release shown in Settings. A build can stamp its own (`VITE_APP_VERSION=1.2.0 vite build`);
 * otherwise it is package.json's version.
 */
import { version } from '../../package.json';

export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION || version;
