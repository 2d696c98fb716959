import { buildWebAssets } from '../../src/web/assets-build';

/**
 * Jest global set-up of the e2e and browser projects: the service reads the pages' assets from
 * dist/web-assets (built by `npm run build`); the tests build them from the sources they run.
 */
export default function setup(): void {
  buildWebAssets();
}
