import { chromiumPath } from '@customs-pulse/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Where screenshots are kept as test artifacts (git-ignored, next to Jest's JSON reports). */
export const SCREENSHOTS_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

/**
 * Debian's Chromium, headless, driven by playwright-core (never a browser downloaded by `playwright install`). No
 * sandbox, because CI runs as root in a container; nothing in the background that reaches the network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Saves what `shown` shows (a page, or one element of it) as `test-artifacts/screenshots/<name>.png` and answers the
 * file's path.
 */
export async function screenshot(shown: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  if ('goto' in shown) await shown.screenshot({ path, fullPage: options.fullPage ?? false });
  else await shown.screenshot({ path });
  return path;
}
