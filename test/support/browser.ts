import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestSystem } from './test-system.js';

/** Debian's chromium package (.ci/run installs it); playwright-core never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of each page, kept by CI as test artifacts (gitignored). */
export const ARTIFACTS = 'test-artifacts/browser';

/**
 * Headless Chromium with the flags this machine needs: without the background-networking ones it
 * keeps trying to reach Google's hosts through a closed network. playwright gives every launch a
 * new, empty profile directory of its own (it refuses --user-data-dir in `args`).
 */
export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The test system's HTTP server on a port of the loopback, for the browser. */
export async function listen(system: TestSystem): Promise<string> {
  const server = system.app.getHttpServer() as import('node:http').Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** Runs axe-core (every rule it ships) inside the page and answers the violations, empty when it passes. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: typeof axe }).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}
