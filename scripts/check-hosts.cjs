// Pastes sendbench's fragments into typical host pages and checks they keep their own sizes
// and layout there. Called by scripts/check-hosts.sh with NODE_PATH at its npm tools:
//   node check-hosts.cjs OUT_DIR BOOTSTRAP5_CSS BOOTSTRAP3_CSS FRAGMENT...
// Each fragment goes, as a school's site would hold it, into five hosts: a plain page; a
// WordPress-style theme (10 px root, global table, h2 and caption rules, captions below);
// Bootstrap 5; Bootstrap 3 (a 10 px root); and a 700 px content column beside a sidebar.
// At 375 and 1280 px it asserts: the fragment's text has the sizes it has on the plain page;
// every caption is above its table; every table cell is on screen and not cut (no table
// scrolls, so none needs to be a tab stop, and no element is one); text typed on several
// lines stays on several lines. Then two fragments on one page: ids unique, every
// aria-labelledby resolves inside its own fragment, and axe-core (WCAG A/AA and
// landmark-unique) finds nothing. Screenshots of each host at both widths go to OUT_DIR.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [out, bootstrap5, bootstrap3, ...rest] = process.argv.slice(2);
// Fragments, then "--forced" and whole pages to look at in forced colours.
const cut = rest.indexOf("--forced");
const fragments = cut < 0 ? rest : rest.slice(0, cut);
const extra = cut < 0 ? [] : rest.slice(cut + 1);

// A host page: its own head and styles, then the fragment(s) in its content area.
const theme = `<style>
html { font-size: 62.5%; box-sizing: border-box; }
*, *::before, *::after { box-sizing: inherit; }
body { font-size: 1.8rem; line-height: 1.5; letter-spacing: -0.015em; font-family: Georgia, serif; margin: 0; color: #000; }
.entry-content { max-width: 58rem; margin: 0 auto; padding: 0 2rem; }
h2 { font-size: 4.8rem; line-height: 1.1; text-transform: uppercase; letter-spacing: -0.03em; margin: 5rem 0 3rem; text-align: center; }
h3 { font-size: 3.2rem; margin: 3rem 0; }
p { margin: 0 0 3rem; line-height: 1.5; }
ul { margin: 0 0 3rem 3rem; }
li { margin: 0 0 1rem; line-height: 1.2; }
table { border: 0.1rem solid #dcd7ca; border-collapse: collapse; font-size: 1.6rem; margin: 4rem 0; max-width: 100%; overflow: hidden; width: 100%; table-layout: fixed; }
caption { caption-side: bottom; font-size: 1.2rem; text-align: center; padding: 1rem; }
th, td { padding: 1.5rem; border: 0.1rem solid #dcd7ca; line-height: 1.4; vertical-align: bottom; white-space: nowrap; overflow: hidden; }
svg { max-width: 100%; height: auto; }
</style>`;
const hosts = {
  plain: { head: "", open: "<main>", close: "</main>" },
  theme: { head: theme, open: '<main><article class="entry-content">', close: "</article></main>" },
  bootstrap5: {
    head: `<link rel="stylesheet" href="file://${bootstrap5}">`,
    open: '<main class="container"><div class="row"><div class="col">', close: "</div></div></main>",
  },
  bootstrap3: {
    head: `<link rel="stylesheet" href="file://${bootstrap3}">`,
    open: '<main class="container"><div class="row"><div class="col-xs-12">', close: "</div></div></main>",
  },
  column: {
    head: `<style>html { font-size: 10px; } body { margin: 0; font-size: 1.4rem; }
.layout { display: flex; gap: 24px; max-width: 1000px; margin: 0 auto; padding: 0 16px; }
.layout main { flex: 0 1 700px; min-width: 0; } .layout nav { flex: 0 0 260px; }
@media (max-width: 800px) { .layout { display: block; } }</style>`,
    open: '<div class="layout"><main>', close: "</main><nav aria-label=\"Site\"><p>Our school</p></nav></div>",
  },
};

function page(host, bodies) {
  const styles = [], parts = [];
  for (const text of bodies) {
    // A <style> belongs in the head (the HTML standard's rule; browsers take it anywhere).
    const start = text.indexOf("<style>"), end = text.indexOf("</style>") + "</style>".length;
    styles.push(text.slice(start, end));
    parts.push(text.slice(end));
  }
  return `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>A school's website</title>\n` +
    `${host.head}\n${styles.join("\n")}\n</head>\n<body>\n${host.open}\n<h1>Our SEN information</h1>\n` +
    `${parts.join("\n")}\n${host.close}\n</body>\n</html>\n`;
}

// What the page measures: the sizes of the fragment's text, and everything out of place.
function measure() {
  const root = document.querySelector(".sendbench-report");
  const style = (e) => e && getComputedStyle(e);
  const sizes = {};
  for (const [name, sel] of Object.entries({
    body: ".sb-h2 ~ p:not(.sb-meta)", title: ".sb-title", h2: ".sb-h2", h3: ".sb-h3",
    li: "li", caption: "caption", td: "td", th: "thead th", footer: ".sb-footer",
  })) {
    const e = root.querySelector(sel);
    if (e) sizes[name] = `${style(e).fontSize}/${style(e).lineHeight}`;
  }
  const problems = [];
  // Visually hidden for screen readers only (a card layout's column headings).
  const hidden = (e) => { const h = e.closest("thead"); return h && h.getBoundingClientRect().width <= 1; };
  const width = document.documentElement.clientWidth;
  for (const table of root.querySelectorAll("table")) {
    const caption = table.querySelector("caption");
    const first = table.querySelector("tr");
    const name = caption ? caption.textContent.slice(0, 40) : "a table";
    if (caption && first && caption.getBoundingClientRect().top > first.getBoundingClientRect().top)
      problems.push(`${name}: caption below its table`);
    for (const cell of table.querySelectorAll("th, td")) {
      if (getComputedStyle(cell).display === "none" || hidden(cell)) continue;
      const r = cell.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) {
        problems.push(`${name}: a cell off screen (${Math.round(r.left)} to ${Math.round(r.right)} px): "${cell.textContent.slice(0, 30)}"`);
        break;
      }
      if (cell.scrollWidth > cell.clientWidth + 1) {
        problems.push(`${name}: a cell's text cut or spilling ("${cell.textContent.slice(0, 30)}", ${cell.scrollWidth} in ${cell.clientWidth} px)`);
        break;
      }
      // A text column squeezed to a word a line: a header or text cell under 4 em wide.
      if (!cell.classList.contains("sb-num") && r.width < 4 * parseFloat(getComputedStyle(cell).fontSize)) {
        problems.push(`${name}: a column squeezed to ${Math.round(r.width)} px ("${cell.textContent.slice(0, 30)}")`);
        break;
      }
    }
  }
  for (const e of root.querySelectorAll("*")) {
    const s = getComputedStyle(e);
    if (/(auto|scroll|hidden)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.tagName !== "svg" && !hidden(e))
      problems.push(`<${e.tagName.toLowerCase()} class="${e.className.baseVal ?? e.className}"> scrolls or clips (${e.scrollWidth} in ${e.clientWidth} px)`);
  }
  for (const e of root.querySelectorAll("[tabindex]")) problems.push(`a tab stop that is not a control: <${e.tagName.toLowerCase()}>`);
  if (root.getBoundingClientRect().right > width + 0.5) problems.push(`the fragment is wider than the screen`);
  // Typed line breaks stay line breaks.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (/\S\n\s*\S/.test(n.textContent) && !/pre/.test(getComputedStyle(n.parentElement).whiteSpace)) {
      problems.push(`typed lines run together: "${n.textContent.slice(0, 40).replace(/\n/g, "\\n")}"`);
      break;
    }
  }
  return { sizes, problems };
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none", "--allow-file-access-from-files"],
  });
  const tab = await browser.newPage();
  // The machine is shared: a slow load is not a failure.
  tab.setDefaultNavigationTimeout(120000);
  let failures = 0, views = 0;
  const fail = (what) => { failures++; console.log(what); };
  for (const file of fragments) {
    const text = fs.readFileSync(file, "utf8");
    const name = path.basename(file).replace(/\.html$/, "");
    for (const width of [375, 1280]) {
      let own = null;
      for (const [hostName, host] of Object.entries(hosts)) {
        const target = path.join(out, `${name}-${hostName}.html`);
        fs.writeFileSync(target, page(host, [text]));
        await tab.setViewport({ width, height: 900 });
        await tab.goto("file://" + target, { waitUntil: "load" });
        const { sizes, problems } = await tab.evaluate(measure);
        views++;
        if (hostName === "plain") own = sizes;
        for (const [what, size] of Object.entries(sizes))
          if (size !== own[what]) fail(`${name} in ${hostName} @${width}px: ${what} is ${size}, its own is ${own[what]}`);
        for (const p of problems) fail(`${name} in ${hostName} @${width}px: ${p}`);
        if (name.includes("parents") || name.includes("governors") || name.includes("area"))
          await tab.screenshot({ path: path.join(out, `${name}-${hostName}-${width}.png`), fullPage: true });
      }
      console.log(`${name} @${width}px: body text ${own.body}, headings ${own.h2}, tables ${own.td}`);
    }
  }
  // Two fragments on one page, in every host: two schools (a federation's site), and one
  // school's SEN information and parents' summaries (same school name: the sections must
  // still be told apart).
  for (const [hostName, host, pair] of Object.entries(hosts).flatMap(([n, h]) => [
    [`${n}-schools`, h, [fragments[0], fragments[1]]], [`${n}-summaries`, h, [fragments[0], fragments[2]]],
  ]).map(([n, h, files]) => [n, h, files.map((f) => fs.readFileSync(f, "utf8"))])) {
    const target = path.join(out, `two-${hostName}.html`);
    fs.writeFileSync(target, page(host, pair));
    for (const width of [375, 1280]) {
      await tab.setViewport({ width, height: 900 });
      await tab.goto("file://" + target, { waitUntil: "load" });
      const ids = await tab.evaluate(() => {
        const seen = {}, bad = [];
        for (const e of document.querySelectorAll("[id]")) seen[e.id] = (seen[e.id] || 0) + 1;
        for (const [id, n] of Object.entries(seen)) if (n > 1) bad.push(`id "${id}" ${n} times`);
        for (const e of document.querySelectorAll("[aria-labelledby]"))
          for (const id of e.getAttribute("aria-labelledby").split(/\s+/))
            if (!e.closest(".sendbench-report").querySelector(`[id="${id}"]`)) bad.push(`aria-labelledby "${id}" names nothing in its fragment`);
        return bad;
      });
      for (const b of ids) fail(`two fragments in ${hostName} @${width}px: ${b}`);
      await tab.evaluate(axeSource);
      const result = await tab.evaluate(() => axe.run(".sendbench-report", {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"] },
        resultTypes: ["violations"],
      }));
      for (const v of result.violations)
        fail(`two fragments in ${hostName} @${width}px: axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
      views++;
    }
  }
  // Windows high contrast (forced colours, dark): every chart mark of the area page and the
  // county overview stays visible, at least 3:1 against the page's own background.
  for (const file of extra) {
    await tab.setViewport({ width: 1280, height: 900 });
    // Through the protocol: puppeteer's own call does not know forced-colors.
    const cdp = await tab.createCDPSession();
    await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value: "active" }, { name: "prefers-color-scheme", value: "dark" }] });
    await tab.goto("file://" + file, { waitUntil: "load" });
    const faint = await tab.evaluate(() => {
      const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
      const lum = (c) => { const v = rgb(c).map((x) => x / 255).map((x) => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const canvas = getComputedStyle(document.body).backgroundColor;
      const bad = [];
      for (const e of document.querySelectorAll(".sb-latest, .sb-hollow, .sb-bar rect:not(.sb-inner)")) {
        const s = getComputedStyle(e);
        const best = Math.max(ratio(s.fill, canvas), s.stroke === "none" ? 0 : ratio(s.stroke, canvas));
        if (best < 3) bad.push(`${e.getAttribute("class")}: ${best.toFixed(2)}:1 (fill ${s.fill}, stroke ${s.stroke}, page ${canvas})`);
      }
      return bad;
    });
    for (const f of faint.slice(0, 5)) fail(`${path.basename(file)} in forced colours: a chart mark nearly vanishes: ${f}`);
    const chart = await tab.$(".sb-dots, .sb-chart");
    await chart.screenshot({ path: path.join(out, `${path.basename(file, ".html")}-forced-colours.png`) });
    await cdp.send("Emulation.setEmulatedMedia", { features: [] });
    views++;
  }
  await browser.close();
  console.log(`hosts: ${views} views of ${fragments.length} fragments in ${Object.keys(hosts).length} hosts, ${failures} problems`);
  process.exit(failures > 0 ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
