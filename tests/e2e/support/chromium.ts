/** Debian's Chromium, never a downloaded browser, with the flags every browser test runs it with. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
