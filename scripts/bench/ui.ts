// The app's controls as the benches reach them: through the same helpers as the e2e tests (header menus, the
// folded run settings, the side panel's tabs).
import type { Page } from 'playwright-core';
import { menu, openRunSettings, showTab } from '../../tests/helpers/app';

export { menu, openRunSettings, showTab };

/** Imports files through Import → Import images… and the real file chooser. */
export async function importImages(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import images…');
  await (await chooser).setFiles(files);
}
