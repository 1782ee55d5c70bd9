import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium (Playwright's own browser download is not reachable from every machine), with
 * the flags a headless run as root on a closed network needs.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these Chromium keeps dialling Google's hosts, which a closed network refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
