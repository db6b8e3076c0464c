import { test as base, expect } from "@playwright/test";

/**
 * `test` with a guard on every page: the app runs under a strict Content-Security-Policy
 * (web/public/_headers), and any violation or uncaught error fails the test.
 */
export const test = base.extend<{ pageGuard: undefined }>({
  pageGuard: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const watch = (page: import("@playwright/test").Page) => {
        page.on("console", (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
        });
        page.on("pageerror", (error) => problems.push(`Uncaught: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(undefined);
      expect(problems, "CSP violations or page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
