// Browser tests of `quotegraph serve` in Debian's headless chromium (playwright-core).
//
// Needs a running server: QG_URL (e.g. http://127.0.0.1:8123) whose store holds the seed
// article and PolNeAR articles, and QG_TOKEN, its write token (the XSS article is stored
// through the API). Screenshots go to QG_ARTEFACTS (default ../../target/browser-artefacts).
// .ci/serve.sh sets all this up.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const base = process.env.QG_URL;
const token = process.env.QG_TOKEN;
const artefacts = process.env.QG_ARTEFACTS || join(root, "target", "browser-artefacts");
if (!base || !token) throw new Error("set QG_URL and QG_TOKEN (see .ci/serve.sh)");
mkdirSync(artefacts, { recursive: true });

const seed = readFileSync(join(root, "examples", "siberian-battalion.txt"), "utf8");
const key = JSON.parse(readFileSync(join(root, "examples", "siberian-battalion.expected.json"), "utf8"));

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});
after(async () => {
  await browser?.close();
});

/** A page that records dialogs (alert/confirm/prompt) and page errors. */
async function open(viewport = { width: 1100, height: 900 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.dialogs = [];
  page.errors = [];
  page.on("dialog", async (d) => {
    page.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(artefacts, name), fullPage: true });
}

test("the seed pasted into the extract page shows its 8 attributions with the right speakers", async () => {
  const page = await open();
  await page.goto(base + "/");
  await page.fill("#text", seed);
  await Promise.all([page.waitForNavigation(), page.click("#extract")]);
  const items = page.locator("#attributions li.attribution:not(.repeat)");
  assert.equal(await items.count(), 8);
  const speakers = await items.locator(".speaker").allTextContents();
  assert.deepEqual(speakers, key.attributions.map((a) => a.speaker));
  // one more, marked as the repeat in the duplicated paragraph
  assert.equal(await page.locator("#attributions li.repeat").count(), 1);
  // source, cue and content highlighted in the text, in different styles
  for (const cls of ["src", "cue", "con", "dup"]) {
    assert.ok((await page.locator(`#article .${cls}`).count()) > 0, cls);
  }
  const styles = await page.evaluate(() =>
    ["src", "cue", "con"].map((c) => getComputedStyle(document.querySelector(`#article .${c}`)).backgroundColor));
  assert.equal(new Set(styles).size, 3, `styles ${styles}`);
  const first = await page.locator("#article .con.a1").first().textContent();
  assert.equal(first, key.attributions[0].content[0].text);
  await shot(page, "extract.png");
  // the JSON link opens the API's answer
  const [resp] = await Promise.all([page.waitForNavigation(), page.click("#json")]);
  const doc = JSON.parse(await page.locator("body").innerText());
  assert.equal(resp.status(), 200);
  assert.equal(doc.attributions.filter((a) => a.duplicate_of === null).length, 8);
  await page.context().close();
});

test("search for a word, open a result with its quote highlighted", async () => {
  const page = await open();
  await page.goto(base + "/search");
  await page.fill("input[name=q]", "resources");
  await Promise.all([page.waitForNavigation(), page.click("#go")]);
  const cards = page.locator("#results .card");
  assert.ok((await cards.count()) >= 2);
  const texts = await cards.locator("blockquote").allTextContents();
  assert.ok(texts.every((t) => /resource/i.test(t)), texts.join(" | "));
  await shot(page, "search.png");
  // open the seed's result
  const card = cards.filter({ hasText: "Taking these resources away" });
  const quote = await card.locator("blockquote").textContent();
  await Promise.all([page.waitForNavigation(), card.locator("a.open").click()]);
  assert.match(page.url(), /\/articles\/\d+\?hl=\d+#q\d+/);
  const hl = page.locator("#article .con.hl");
  assert.ok((await hl.count()) >= 1);
  assert.equal((await hl.allTextContents()).join(""), quote);
  assert.ok(await page.locator("#attributions li.hl").isVisible());
  // duplicate paragraph marked
  assert.ok((await page.locator("#article .dupstart").count()) === 1);
  assert.ok(await page.locator("#dup-note").isVisible());
  await shot(page, "article.png");
  await page.context().close();
});

test("a speaker page shows statements per month as a chart", async () => {
  const page = await open();
  await page.goto(base + "/speakers");
  await shot(page, "speakers.png");
  // the most quoted speaker of the store (PolNeAR: several months)
  await Promise.all([page.waitForNavigation(), page.locator("table.speakers tbody a").first().click()]);
  const chart = page.locator("svg#chart");
  assert.ok(await chart.isVisible());
  const bars = chart.locator("rect.bar");
  assert.ok((await bars.count()) >= 1);
  const box = await chart.boundingBox();
  assert.ok(box.width > 200 && box.height > 50, JSON.stringify(box));
  const titles = await bars.locator("title").allTextContents();
  assert.ok(titles.every((t) => /^\d{4}-\d{2}: \d+ statements?$/.test(t)), titles.join(","));
  const total = titles.reduce((n, t) => n + Number(t.split(": ")[1].split(" ")[0]), 0);
  assert.ok(total > 0);
  assert.ok((await page.locator("#statements .card").count()) > 0);
  await shot(page, "speaker.png");
  await page.context().close();
});

const XSS =
  "<script>alert(1)</script> opened the meeting in <b>bold</b>.\n\n" +
  "\"We will not be silenced,\" said Ivan Sokolov, \"\"><img src=x onerror=alert(1)>\".\n\n" +
  "\"'><svg onload=alert(1)><img src=x onerror=\"window.__xss=1\">,\" Maria Petrova told reporters.\n";

async function assertInert(page) {
  assert.deepEqual(page.dialogs, [], "a dialog opened: script ran");
  assert.equal(await page.evaluate(() => window.__xss), undefined, "onerror ran");
  assert.equal(await page.locator("#article script, #article img, #article svg, #article b").count(), 0);
  assert.equal(await page.locator("main script, main img").count(), 0);
  const text = await page.locator("#article").innerText();
  assert.ok(text.includes("<script>alert(1)</script>"), text);
  assert.ok(text.includes("\"><img src=x onerror=alert(1)>"), text);
}

test("an article with script and markup in its text is shown as text; no script runs", async () => {
  const res = await fetch(base + "/api/articles", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      text: XSS, title: "<script>alert(1)</script> headline", outlet: "\"><img src=x onerror=alert(1)>",
      url: "javascript:alert(1)", published: "2024-05-01",
    }),
  });
  assert.ok(res.status === 201 || res.status === 200, `status ${res.status}`);
  const { article_id } = await res.json();
  const page = await open();
  await page.goto(`${base}/articles/${article_id}`);
  await page.waitForTimeout(300);
  await assertInert(page);
  assert.equal(await page.locator("h1#title").innerText(), "<script>alert(1)</script> headline");
  assert.equal(await page.locator("a[href^='javascript']").count(), 0);
  assert.ok((await page.locator("#attributions li").count()) >= 2);
  await shot(page, "xss-article.png");
  // searched: the card shows the quote as text
  await page.goto(`${base}/search?q=silenced`);
  assert.deepEqual(page.dialogs, []);
  assert.ok((await page.locator("#results .card").count()) >= 1);
  // pasted into the extract page, as text and as HTML
  for (const kind of ["text", "html"]) {
    await page.goto(base + "/");
    await page.fill("#text", kind === "html" ? `<html><body><article><p>${XSS.replaceAll("\n\n", "</p><p>")}</p></article></body></html>` : XSS);
    await page.check(`input[name=kind][value=${kind}]`);
    await Promise.all([page.waitForNavigation(), page.click("#extract")]);
    await page.waitForTimeout(300);
    assert.deepEqual(page.dialogs, [], `${kind}: a dialog opened`);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator("#article script, #article img, #article svg").count(), 0);
    if (kind === "text") {
      await assertInert(page);
      await shot(page, "xss-extract.png");
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("pages fit a phone screen", async () => {
  const page = await open({ width: 390, height: 844 });
  await page.goto(base + "/search?q=resources");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
  await shot(page, "phone-search.png");
  await page.context().close();
});
