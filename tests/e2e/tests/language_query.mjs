// "?lang=ja" opens the Japanese page; line items, units, notes and flags from the API are shown
// in Japanese (built from their stable kind and code), and the English page shows them as the
// API wrote them.
import { check, checkEqual, openPage, waitForResult } from "../harness.mjs";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

function dictionaries() {
    const sandbox = { window: {} };
    vm.runInNewContext(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "..", "i18n.js"), "utf8"), sandbox);
    return sandbox.window.COSTSIM_I18N;
}

async function bills(page) {
    return page.evaluate(() => [...document.querySelectorAll(".bill")].map((bill) => ({
        items: [...bill.querySelectorAll("tbody th")].map((th) => th.childNodes[0].textContent),
        notes: [...bill.querySelectorAll("tbody .note")].map((n) => n.textContent),
        flags: [...bill.querySelectorAll(".flags li")].map((li) => ({ code: li.dataset.code, text: li.textContent })),
    })));
}

export default async function ({ baseUrl, context }) {
    const { ja } = dictionaries();
    const { page, problems } = await openPage(context, baseUrl + "/?lang=ja");
    await waitForResult(page);
    checkEqual(await page.evaluate(() => document.documentElement.lang), "ja", "html lang with ?lang=ja");
    checkEqual(await page.locator("#lang").inputValue(), "ja", "the language selector");
    checkEqual(await page.locator("h1").textContent(), ja["app.heading"], "the heading in Japanese");

    // The default page: a 512 MB Lambda and one t3.micro at 10 requests/s.
    const [lambda, fleet] = await bills(page);
    checkEqual(lambda.items.slice(0, 2), ["リクエスト、無料枠", "リクエスト"], "the Lambda's request lines");
    check(lambda.items.includes("実行時間(x86_64)、無料枠"), `the duration free-tier line (${lambda.items})`);
    check(lambda.items.some((name) => name.startsWith("実行時間(x86_64)、段階 1(無料枠の後の 0〜6,000,000,000 GB 秒)")),
          `the first duration tier (${lambda.items})`);
    check(lambda.items.some((name) => name.startsWith("インターネットへのデータ転送")), "the data-out line");
    checkEqual(lambda.notes[0], "無料枠: 毎月最初の 1,000,000 リクエスト", "a free-tier note");
    checkEqual(fleet.items[0], "インスタンス利用(t3.micro、オンデマンド)", "the fleet's instance line");
    checkEqual(fleet.notes[0], "オンデマンド 時間あたり $0.0104", "the fleet's price note");
    // One t3.micro at 10 of its 50 requests/s: 20 % CPU, above its 10 % baseline.
    checkEqual(fleet.flags, [{ code: "single_instance", text: ja["flag.single_instance"] },
                             { code: "above_baseline", text: ja["flag.above_baseline"] }], "the fleet's flags");
    check(/[\u3040-\u30ff]/.test(await page.locator(".bill td").first().textContent()), "units in Japanese");

    // The English page shows the API's own words.
    await page.selectOption("#lang", "en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    const [lambdaEn, fleetEn] = await bills(page);
    checkEqual(lambdaEn.items.slice(0, 2), ["Requests, free tier", "Requests"], "English line items");
    checkEqual(fleetEn.flags[0].text, "the fleet has one instance: no redundancy if it or its zone fails", "English flag");

    // ?lang=en wins over a share link made in Japanese.
    await page.selectOption("#lang", "ja");
    const link = await page.locator("#share-link").inputValue();
    const other = await context.newPage();
    await other.goto(link.replace("/#s=", "/?lang=en#s="));
    await waitForResult(other);
    checkEqual(await other.evaluate(() => document.documentElement.lang), "en", "?lang=en over the link's language");
    await other.close();
    checkEqual(problems, [], "console errors, page errors and failed requests");
}
