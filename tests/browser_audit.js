// Open a page in the system Chromium (never a downloaded one), screenshot it at each width asked for,
// and run axe-core on it. Prints {"violations": [{id, impact, nodes, help}], "widths": {...}} as JSON.
// Usage: node browser_audit.js CHROMIUM NODE_MODULES URL OUTDIR WIDTH...
const [chromium, modules, url, outdir, ...widths] = process.argv.slice(2);
const path = require("path");
const { chromium: driver } = require(path.join(modules, "playwright-core"));
const axe = require(path.join(modules, "axe-core"));

(async () => {
  const browser = await driver.launch({
    executablePath: chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const result = { violations: [], widths: {} };
  try {
    for (const w of widths) {
      const page = await browser.newPage({ viewport: { width: Number(w), height: 900 } });
      await page.goto(url);
      const file = path.join(outdir, `page-${w}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // Wider than the window means a reader scrolls sideways.
      result.widths[w] = await page.evaluate(() => document.documentElement.scrollWidth);
      if (w === widths[0]) {
        result.dom = await page.evaluate(() => {
          const ids = new Set([...document.querySelectorAll("[id]")].map((e) => e.id));
          const order = [...document.querySelectorAll("h2[id]")].map((h) => h.id);
          const ld = [...document.querySelectorAll('head script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent));
          return {
            sources: document.querySelectorAll("section.sources ol > li").length,
            sourceLinks: [...document.querySelectorAll("section.sources a[href^='http']")].length,
            cites: [...document.querySelectorAll("a.cite")].map((a) => [a.getAttribute("href").slice(1), a.textContent]),
            brokenAnchors: [...document.querySelectorAll("a[href^='#']")].map((a) => a.getAttribute("href").slice(1)).filter((i) => !ids.has(i)),
            h2: order,
            langs: [...document.querySelectorAll("[lang]")].map((e) => e.getAttribute("lang")),
            back: [...document.querySelectorAll("nav.site a")].map((a) => a.getAttribute("href")),
            jsonld: ld,
            printRules: [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r.media && r.media.mediaText === "print").length,
          };
        });
        await page.addScriptTag({ content: axe.source });
        const found = await page.evaluate(async () => (await axe.run(document)).violations);
        result.violations = found.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result));
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
